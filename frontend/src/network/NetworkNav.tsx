import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { paths } from "../paths";
import "./network.css";

/** The two views of the network: the contact list and the map. */
export function NetworkNav() {
  const { t } = useTranslation("network");
  return (
    <nav className="sub-nav" aria-label={t("tabs.label")}>
      <ul>
        <li>
          <NavLink to={paths.network.contacts} end>
            {t("tabs.contacts")}
          </NavLink>
        </li>
        <li>
          <NavLink to={paths.network.map}>{t("tabs.map")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
