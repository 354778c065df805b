/** What other features may use of cases besides `./queries` (the route table imports `./routes`). */
export { LevelBadge, ReferralBadge, StatusBadge } from "./CaseBadges";
export { NO_FILTERS, filtersToParams } from "./filters";
export type { CaseFilters, CaseListQuery } from "./filters";
export { ESCALATING_FROM, OPEN_STATUSES } from "./model";
export type { CaseItem, CaseStatus } from "./model";
export type { CaseSavedState } from "./CaseCreatePage";
