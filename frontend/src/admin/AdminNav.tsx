import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useSession } from "../auth/SessionContext";
import { ADMIN_PARTS } from "./parts";
import "./admin.css";

/** The parts of the administration the user may open. */
export function AdminNav() {
  const { t } = useTranslation("admin");
  const { can } = useSession();
  const parts = ADMIN_PARTS.filter((part) => can(part.requires));
  return (
    <nav className="sub-nav" aria-label={t("nav")}>
      <ul>
        {parts.map((part) => (
          <li key={part.key}>
            <NavLink to={part.path}>{t(`parts.${part.key}`)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
