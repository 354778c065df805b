import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import NotFoundPage from "../layout/NotFoundPage";
import { ContactForm } from "./ContactForm";
import { NetworkNav } from "./NetworkNav";
import { paths } from "../paths";

export default function ContactCreatePage() {
  const { t } = useTranslation("network");
  const { can } = useSession();
  useDocumentTitle(t("form.createTitle"));
  if (!can(Permission.contactsWrite)) return <NotFoundPage />;
  return (
    <div className="network-page">
      <NetworkNav />
      <p>
        <Link to={paths.network.contacts}>{t("detail.back")}</Link>
      </p>
      <h1>{t("form.createTitle")}</h1>
      <ContactForm />
    </div>
  );
}
