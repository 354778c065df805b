import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation, useNavigation } from "react-router";
import { useSession } from "../auth/SessionContext";
import { knownRole } from "../auth/permissions";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";
import { paths } from "../paths";
import { NAV_ITEMS } from "./navigation";
import { SiteFooter } from "./SiteFooter";
import { MAIN_ID, SkipLink, focusMain } from "./SkipLink";

/** Frame of the signed-in app: skip link, header, navigation, main content, footer. */
export default function AppShell() {
  const { t } = useTranslation();
  const { user, can, logout } = useSession();
  const location = useLocation();
  const navigation = useNavigation();
  const [loggingOut, setLoggingOut] = useState(false);
  // On narrow screens the account tools and the navigation fold away behind one button.
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);

  // After an in-app navigation, start screen readers and keyboards at the new content.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusMain();
  }, [location.pathname]);

  if (user === null) return null;
  const items = NAV_ITEMS.filter((item) => can(item.requires));
  const role = knownRole(user.role);

  async function onLogout() {
    setLoggingOut(true);
    await logout();
  }

  return (
    <div className="page page-app">
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <Brand />
          <button
            type="button"
            className="button button-secondary menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="header-tools main-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {t(menuOpen ? "layout.menuClose" : "layout.menuOpen")}
          </button>
          <div id="header-tools" className={menuOpen ? "header-tools menu-open" : "header-tools"}>
            <p className="user-summary">
              <span className="visually-hidden">{t("layout.signedInAs")} </span>
              <span className="user-name">{user.full_name}</span>
              <span className="user-meta">
                {role ? `${t(`roles.${role}`)} · ` : ""}
                {user.municipality.name}
              </span>
            </p>
            <LanguageSwitch />
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void onLogout()}
              disabled={loggingOut}
            >
              {loggingOut ? t("layout.loggingOut") : t("layout.logout")}
            </button>
          </div>
        </div>
        <nav id="main-nav" className={menuOpen ? "main-nav menu-open" : "main-nav"} aria-label={t("layout.mainNav")}>
          <ul>
            {items.map((item) => (
              <li key={item.key}>
                <NavLink to={item.path} end={item.path === paths.home}>
                  {t(`nav.${item.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div
          className={navigation.state === "loading" ? "progress progress-active" : "progress"}
          aria-hidden="true"
        />
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
