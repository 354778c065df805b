import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission, knownRole } from "../auth/permissions";
import { ESCALATING_FROM } from "../cases";
import { SECTIONS } from "../layout/navigation";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { CaseWidget } from "./CaseWidget";
import { ListingPanel } from "../contactPoint";
import { RequestsWidget } from "./RequestsWidget";
import { ConsultationsWidget } from "./ConsultationsWidget";
import { DuePlansWidget } from "./DuePlansWidget";
import { SessionsWidget } from "./SessionsWidget";
import { StatisticsWidget } from "./StatisticsWidget";
import { SteeringWidgets } from "./SteeringWidgets";
import { TasksWidget } from "./TasksWidget";
import { escalatingCases, followUpsThisWeek, myOpenCases, unassignedCases } from "./widgets";
import "../ui/ui.css";
import "./dashboard.css";

/** The overview after sign-in: what is on the user's desk, by what their role may see. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { t: tDashboard } = useTranslation("dashboard");
  const { user, can } = useSession();
  const format = useFormat();
  useDocumentTitle(t("dashboard.title"));
  if (user === null) return null;

  const role = knownRole(user.role);
  const casework = can(Permission.casesRead);
  const day = today();
  // Trainers run the series; everyone else who reads trainings sees them in their own area.
  const trainer = can(Permission.trainingsWrite) && !casework;
  // Aggregates for those who see no cases (steering group, administration).
  const statistics = can(Permission.statisticsRead) && !casework;
  const tasks = can(Permission.tasksRead);
  // The steering group's own overview; coordinators run the group and see it too.
  const steering = can(Permission.steeringRead) && (!casework || can(Permission.steeringWrite));
  const anyWidget = casework || trainer || statistics || tasks || steering;
  const sections = SECTIONS.filter((section) => can(section.requires));

  return (
    <div className="dashboard">
      <h1>{t("dashboard.welcome", { name: user.full_name })}</h1>

      {anyWidget && (
        <div className="widget-grid">
          {can(Permission.requestsRead) && <RequestsWidget />}
          {tasks && <TasksWidget />}
          {casework && (
            <>
              <CaseWidget
                id="dashboard-my-cases"
                heading={tDashboard("myCases.heading")}
                spec={myOpenCases(user.id)}
                linkLabel={tDashboard("myCases.all")}
                emptyText={tDashboard("myCases.empty")}
              />
              <CaseWidget
                id="dashboard-follow-ups"
                heading={tDashboard("followUps.heading")}
                spec={followUpsThisWeek(user.id, day)}
                linkLabel={tDashboard("followUps.all")}
                emptyText={tDashboard("followUps.empty")}
                extra={(item) =>
                  item.follow_up_date && (
                    <span className={item.follow_up_date < day ? "overdue" : undefined}>
                      {tDashboard(item.follow_up_date < day ? "followUps.overdue" : "followUps.due", {
                        date: format.date(item.follow_up_date),
                      })}
                    </span>
                  )
                }
              />
            </>
          )}
          {casework && can(Permission.casesCoordinate) && (
            <>
              <CaseWidget
                id="dashboard-unassigned"
                heading={tDashboard("unassigned.heading")}
                spec={unassignedCases()}
                linkLabel={tDashboard("unassigned.all")}
                emptyText={tDashboard("unassigned.empty")}
              />
              <CaseWidget
                id="dashboard-escalating"
                heading={tDashboard("escalating.heading", { level: ESCALATING_FROM })}
                spec={escalatingCases()}
                linkLabel={tDashboard("escalating.all", { level: ESCALATING_FROM })}
                emptyText={tDashboard("escalating.empty", { level: ESCALATING_FROM })}
              />
            </>
          )}
          {casework && can(Permission.consultationsRead) && <ConsultationsWidget />}
          {steering && <SteeringWidgets />}
          {((casework && can(Permission.crisisPlansAdopt)) || (statistics && can(Permission.crisisPlansRead))) && (
            <DuePlansWidget />
          )}
          {trainer && <SessionsWidget />}
          {statistics && <StatisticsWidget />}
        </div>
      )}

      {!casework && (
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
      )}

      <section className="panel profile-panel" aria-labelledby="dashboard-profile">
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
      {can(Permission.publicListing) && <ListingPanel />}
    </div>
  );
}
