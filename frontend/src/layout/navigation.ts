import { Permission } from "../auth/permissions";
import type { PermissionRequirement } from "../auth/permissions";

export type SectionKey =
  | "cases"
  | "consultations"
  | "network"
  | "trainings"
  | "statistics"
  | "administration";

export interface NavItem {
  key: "dashboard" | SectionKey;
  path: string;
  /** What the signed-in user needs to see the entry (and open the page). */
  requires: PermissionRequirement;
}

export const DASHBOARD: NavItem = { key: "dashboard", path: "/", requires: null };

/** The work areas, in navigation order. */
export const SECTIONS: readonly (NavItem & { key: SectionKey })[] = [
  { key: "cases", path: "/cases", requires: Permission.casesRead },
  { key: "consultations", path: "/consultations", requires: Permission.consultationsRead },
  { key: "network", path: "/network", requires: Permission.contactsRead },
  { key: "trainings", path: "/trainings", requires: Permission.trainingsRead },
  { key: "statistics", path: "/statistics", requires: Permission.statisticsRead },
  {
    key: "administration",
    path: "/administration",
    requires: [
      Permission.municipalitiesManage,
      Permission.usersManage,
      Permission.apiClientsManage,
      Permission.auditRead,
    ],
  },
];

export const NAV_ITEMS: readonly NavItem[] = [DASHBOARD, ...SECTIONS];
