/** What each dashboard list asks the API for, and where its "show all" link leads. */
import type { components } from "../api/schema";
import { ESCALATING_FROM, NO_FILTERS, OPEN_STATUSES, filtersToParams } from "../cases";
import type { CaseFilters, CaseListQuery } from "../cases";
import { endOfWeek } from "../ui/calendar";
import { paths } from "../paths";

export const WIDGET_SIZE = 6;

export interface CaseWidgetSpec {
  query: CaseListQuery;
  /** The case list with the matching filters. */
  link: string;
}

const open = [...OPEN_STATUSES];

function listLink(filters: Partial<CaseFilters>): string {
  const params = filtersToParams({ ...NO_FILTERS, ...filters }).toString();
  return params ? `${paths.cases.list}?${params}` : paths.cases.list;
}

export function myOpenCases(userId: string): CaseWidgetSpec {
  return {
    query: { assignee: userId, status: open, sort: "-updated_at", limit: WIDGET_SIZE },
    link: listLink({ assignee: "me", status: open, sort: "-updated_at" }),
  };
}

/** Open cases of the user with a follow-up date up to this Sunday, overdue ones first. */
export function followUpsThisWeek(userId: string, today: string): CaseWidgetSpec {
  return {
    query: {
      assignee: userId,
      status: open,
      follow_up_before: endOfWeek(today),
      sort: "follow_up_date",
      limit: WIDGET_SIZE,
    },
    link: listLink({ assignee: "me", status: open, sort: "follow_up_date" }),
  };
}

export function unassignedCases(): CaseWidgetSpec {
  return {
    query: { assigned: false, status: open, sort: "-created_at", limit: WIDGET_SIZE },
    link: listLink({ assignee: "none", status: open }),
  };
}

/** Open cases at Glasl stage 5 or above (win-lose and worse), the highest first. */
export function escalatingCases(): CaseWidgetSpec {
  return {
    query: { escalation_min: ESCALATING_FROM, status: open, sort: "-escalation_level", limit: WIDGET_SIZE },
    link: listLink({ escalationMin: ESCALATING_FROM, status: open, sort: "-escalation_level" }),
  };
}

type Series = components["schemas"]["TrainingSeriesOut"];

export interface UpcomingSession {
  seriesId: string;
  seriesTitle: string;
  moduleTitle: string;
  sessionId: string;
  day: string;
  startsAt: string;
  endsAt: string;
  /** Null for an online session (joined by its link). */
  place: string | null;
}

/** Session days from `today` on, across all series, in date and time order. */
export function upcomingSessions(series: readonly Series[], today: string, count = WIDGET_SIZE): UpcomingSession[] {
  return series
    .flatMap((item) =>
      item.modules.flatMap((module) =>
        module.sessions
          .filter((session) => session.day >= today)
          .map((session) => ({
            seriesId: item.id,
            seriesTitle: item.title,
            moduleTitle: module.title,
            sessionId: session.id,
            day: session.day,
            startsAt: session.starts_at.slice(0, 5),
            endsAt: session.ends_at.slice(0, 5),
            place: session.place,
          })),
      ),
    )
    .sort((a, b) => `${a.day} ${a.startsAt}`.localeCompare(`${b.day} ${b.startsAt}`))
    .slice(0, count);
}
