import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { knownRole } from "../auth/permissions";
import { SECTIONS } from "../layout/navigation";
import { useDocumentTitle } from "../layout/useDocumentTitle";

export default function DashboardPage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  useDocumentTitle(t("dashboard.title"));
  if (user === null) return null;

  const sections = SECTIONS.filter((section) => can(section.requires));
  const role = knownRole(user.role);

  return (
    <div className="dashboard">
      <h1>{t("dashboard.welcome", { name: user.full_name })}</h1>

      <section className="panel" aria-labelledby="dashboard-profile">
        <h2 id="dashboard-profile">{t("dashboard.profileHeading")}</h2>
        <dl className="facts">
          {role && (
            <div>
              <dt>{t("dashboard.role")}</dt>
              <dd>{t(`roles.${role}`)}</dd>
            </div>
          )}
          <div>
            <dt>{t("dashboard.municipality")}</dt>
            <dd>{user.municipality.name}</dd>
          </div>
          {user.email && (
            <div>
              <dt>{t("dashboard.email")}</dt>
              <dd>{user.email}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="dashboard-areas">
        <h2 id="dashboard-areas">{t("dashboard.areasHeading")}</h2>
        {sections.length === 0 ? (
          <p>{t("dashboard.noAreas")}</p>
        ) : (
          <ul className="area-list">
            {sections.map((section) => (
              <li key={section.key} className="area-card">
                <Link to={section.path} className="area-link">
                  {t(`nav.${section.key}`)}
                </Link>
                <p>{t(`areas.${section.key}`)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
