import { Permission } from "../auth/permissions";
import type { PermissionRequirement } from "../auth/permissions";
import { paths } from "../paths";

export type SectionKey =
  | "requests"
  | "tasks"
  | "steering"
  | "cases"
  | "consultations"
  | "network"
  | "trainings"
  | "crisisPlans"
  | "peer"
  | "statistics"
  | "privacy"
  | "district"
  | "annualReports"
  | "administration";

export interface NavItem {
  key: "dashboard" | "glossary" | SectionKey;
  path: string;
  /** What the signed-in user needs to see the entry (and open the page). */
  requires: PermissionRequirement;
}

export const DASHBOARD: NavItem = { key: "dashboard", path: paths.home, requires: null };

/** The work areas, in navigation order. */
export const SECTIONS: readonly (NavItem & { key: SectionKey })[] = [
  { key: "requests", path: paths.requests.list, requires: Permission.requestsRead },
  { key: "tasks", path: paths.tasks.mine, requires: Permission.tasksRead },
  { key: "steering", path: paths.steering.list, requires: Permission.steeringRead },
  { key: "cases", path: paths.cases.list, requires: Permission.casesRead },
  { key: "consultations", path: paths.consultations.list, requires: Permission.consultationsRead },
  { key: "network", path: paths.network.contacts, requires: Permission.contactsRead },
  { key: "trainings", path: paths.trainings.list, requires: Permission.trainingsRead },
  { key: "crisisPlans", path: paths.crisisPlans.list, requires: Permission.crisisPlansRead },
  { key: "peer", path: paths.peer.index, requires: [Permission.peerParticipate, Permission.peerManage] },
  { key: "statistics", path: paths.statistics, requires: Permission.statisticsRead },
  { key: "district", path: paths.district, requires: Permission.districtAnalysisRead },
  { key: "annualReports", path: paths.annualReports, requires: Permission.annualReportsRead },
  {
    key: "privacy",
    path: paths.privacy.index,
    requires: [Permission.privacyManage, Permission.privacyRequest, Permission.accessibilityFeedbackRead],
  },
  {
    key: "administration",
    path: paths.administration.index,
    requires: [
      Permission.municipalitiesManage,
      Permission.usersManage,
      Permission.apiClientsManage,
      Permission.auditRead,
      Permission.mailRead,
    ],
  },
];

/** The method's terms, for everyone signed in. */
export const GLOSSARY: NavItem = { key: "glossary", path: paths.glossary, requires: null };

export const NAV_ITEMS: readonly NavItem[] = [DASHBOARD, ...SECTIONS, GLOSSARY];
