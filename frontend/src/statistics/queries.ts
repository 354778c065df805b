import { useQuery } from "@tanstack/react-query";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import type { Period } from "./period";

type Schemas = components["schemas"];
export type Count = Schemas["Count"];
export type Amount = Schemas["Amount"];
/** A figure as the API sends it: a value, or withheld (`suppressed`). */
export type Cell = Count | Amount;
export type Overview = Schemas["Overview"];
export type CaseStatistics = Schemas["CaseStatistics"];
export type ConsultationStatistics = Schemas["ConsultationStatistics"];
export type ReferralStatistics = Schemas["ReferralStatistics"];
export type ContactStatistics = Schemas["ContactStatistics"];
export type TrainingStatistics = Schemas["TrainingStatistics"];
export type NetworkStatistics = Schemas["NetworkStatistics"];
export type ActivationStatistics = Schemas["ActivationStatistics"];

/** The key figures of the overview, in the order every view shows them. */
export const OVERVIEW_FIGURES = [
  "cases_open",
  "cases_new",
  "cases_closed",
  "consultations",
  "consultation_hours",
  "referrals",
  "active_contacts",
  "qualified_conflict_managers",
] as const satisfies readonly (keyof Overview)[];

/** The statistics the API offers, each at `/api/v1/statistics/<name>`. */
export const REPORTS = [
  "overview",
  "cases",
  "consultations",
  "referrals",
  "contacts",
  "trainings",
  "activations",
  "network",
] as const;
export type Report = (typeof REPORTS)[number];

interface Bodies {
  overview: Overview;
  cases: CaseStatistics;
  consultations: ConsultationStatistics;
  referrals: ReferralStatistics;
  contacts: ContactStatistics;
  trainings: TrainingStatistics;
  activations: ActivationStatistics;
  network: NetworkStatistics;
}

export const statisticsKeys = {
  all: ["statistics"] as const,
  report: (report: Report, period: Period) => ["statistics", report, period.from, period.to] as const,
};

type StatisticsPath = `/api/v1/statistics/${Report}`;

function path(report: Report): StatisticsPath {
  return `/api/v1/statistics/${report}`;
}

function query(period: Period) {
  return { params: { query: { from: period.from, to: period.to } } };
}

export function useStatistics<R extends Report>(report: R, period: Period, enabled = true) {
  return useQuery({
    queryKey: statisticsKeys.report(report, period),
    queryFn: () =>
      unwrap(sessionClient().api.GET(path(report), query(period))) as Promise<Bodies[R]>,
    enabled,
  });
}

/** The same figures as a CSV file (the API answers `Accept: text/csv`). */
export function downloadStatisticsCsv(report: Report, period: Period): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.csv, (file) =>
    sessionClient().api.GET(path(report), { ...query(period), ...file }),
  );
}
