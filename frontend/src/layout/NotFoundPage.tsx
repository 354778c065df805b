import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../paths";
import { useDocumentTitle } from "./useDocumentTitle";

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <section className="content-narrow">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <p>
        <Link to={paths.home}>{t("notFound.back")}</Link>
      </p>
    </section>
  );
}
