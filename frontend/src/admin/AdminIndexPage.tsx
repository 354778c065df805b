import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { AdminNav } from "./AdminNav";
import { ADMIN_PARTS } from "./parts";

export default function AdminIndexPage() {
  const { t } = useTranslation("admin");
  const { can } = useSession();
  useDocumentTitle(t("title"));
  const parts = ADMIN_PARTS.filter((part) => can(part.requires));
  return (
    <div className="admin-page">
      <AdminNav />
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <ul className="area-list">
        {parts.map((part) => (
          <li key={part.key} className="area-card">
            <Link to={part.path} className="area-link">
              {t(`parts.${part.key}`)}
            </Link>
            <p>{t(`partIntro.${part.key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
