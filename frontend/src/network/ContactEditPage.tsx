import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import NotFoundPage from "../layout/NotFoundPage";
import { ContactForm } from "./ContactForm";
import { NetworkNav } from "./NetworkNav";
import { useContact } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";

export default function ContactEditPage() {
  const { t } = useTranslation("network");
  const { can } = useSession();
  const { contactId = "" } = useParams();
  const query = useContact(contactId);
  const title = query.data ? t("form.editTitle", { name: query.data.name }) : t("detail.edit");
  useDocumentTitle(title);
  if (!can(Permission.contactsWrite)) return <NotFoundPage />;
  return (
    <div className="network-page">
      <NetworkNav />
      <p>
        <Link to={paths.network.contact(contactId)}>{t("form.backToContact")}</Link>
      </p>
      <h1>{title}</h1>
      <QueryStatus query={query} />
      {/* A fresh form per loaded version: the edit starts from what the server has now. */}
      {query.data && <ContactForm key={query.data.id} contact={query.data} />}
    </div>
  );
}
