/** The annual report for the funder through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type Draft = Schemas["DraftOut"];
export type Texts = Schemas["ReportTexts"];
export type AnnualFigures = Schemas["AnnualFigures"];
export type VersionSummary = Schemas["VersionSummaryOut"];
export type DocumentFormat = "pdf" | "docx";

const api = () => sessionClient().api;

export const annualReportKeys = {
  all: ["annualReports"] as const,
  draft: (year: number) => ["annualReports", "draft", year] as const,
  versions: ["annualReports", "versions"] as const,
};

/** The year's working draft with the figures as the records say now (coordinators). */
export function useDraft(year: number) {
  return useQuery({
    queryKey: annualReportKeys.draft(year),
    queryFn: () => unwrap(api().GET("/api/v1/annual-reports/{year}", { params: { path: { year } } })),
  });
}

/** Every generated version, newest first. */
export function useVersions() {
  return useQuery({
    queryKey: annualReportKeys.versions,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/annual-reports/versions", { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

/** A write to a year's report; the draft and the versions are read again afterwards. */
export function useAnnualReportWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: annualReportKeys.all }),
  });
}

export function saveTexts({ draft, body }: { draft: Draft; body: Texts }) {
  return unwrap(
    api().PUT("/api/v1/annual-reports/{year}", {
      params: { path: { year: draft.year } },
      headers: ifMatch(draft.version),
      body,
    }),
  );
}

export function generate(year: number) {
  return unwrap(api().POST("/api/v1/annual-reports/{year}/versions", { params: { path: { year } } }));
}

const ACCEPT: Record<DocumentFormat, (typeof FILE_TYPES)[keyof typeof FILE_TYPES]> = {
  pdf: FILE_TYPES.pdf,
  docx: FILE_TYPES.docx,
};

/** A generated version as PDF or Word document, in the page's language. */
export function downloadVersion(version: VersionSummary, format: DocumentFormat): Promise<ApiFile> {
  return downloadFile(ACCEPT[format], (file) =>
    api().GET("/api/v1/annual-reports/{year}/versions/{number}/export", {
      params: { path: { year: version.year, number: version.number }, query: { format } },
      ...file,
    }),
  );
}
