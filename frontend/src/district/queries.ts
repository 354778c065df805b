/** The regional analysis of the district through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type ConflictField = Schemas["ConflictFieldOut"];
export type ConflictFieldInput = Schemas["ConflictFieldIn"];
export type Figures = Schemas["FiguresOut"];
export type GroupFigures = Schemas["GroupFiguresOut"];
export type HeatTable = Schemas["HeatTableOut"];
export type ConflictLine = Schemas["ConflictLineOut"];
export type ReportSummary = Schemas["ReportSummaryOut"];
export type ReportContent = Schemas["ReportContent"];
export type Trend = ConflictField["trend"];
export type ActorGroup = ConflictField["actor_groups"][number];
export type CaseTopic = Schemas["CaseTopic"];

const api = () => sessionClient().api;

export const districtKeys = {
  all: ["district"] as const,
  fields: ["district", "fields"] as const,
  figures: (from: string, to: string) => ["district", "figures", from, to] as const,
  reports: ["district", "reports"] as const,
};

export function useConflictFields() {
  return useQuery({
    queryKey: districtKeys.fields,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/district-analysis/fields", { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

export function useFigures(from: string, to: string) {
  return useQuery({
    queryKey: districtKeys.figures(from, to),
    queryFn: () => unwrap(api().GET("/api/v1/district-analysis/figures", { params: { query: { from, to } } })),
  });
}

export function useReports() {
  return useQuery({
    queryKey: districtKeys.reports,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/district-analysis/reports", { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

/** A write to the regional analysis; every view of it is read again afterwards. */
export function useDistrictWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: districtKeys.all }),
  });
}

export function saveField(field: ConflictField | null, body: ConflictFieldInput) {
  if (field === null) return unwrap(api().POST("/api/v1/district-analysis/fields", { body }));
  return unwrap(
    api().PUT("/api/v1/district-analysis/fields/{field_id}", {
      params: { path: { field_id: field.id } },
      headers: ifMatch(field.version),
      body,
    }),
  );
}

export function deleteField(field: ConflictField) {
  return unwrap(
    api().DELETE("/api/v1/district-analysis/fields/{field_id}", {
      params: { path: { field_id: field.id } },
      headers: ifMatch(field.version),
    }),
  );
}

export function saveReport(body: ReportContent) {
  return unwrap(api().POST("/api/v1/district-analysis/reports", { body }));
}

export function fetchReport(number: number) {
  return unwrap(api().GET("/api/v1/district-analysis/reports/{number}", { params: { path: { number } } }));
}

/** The expertise document as PDF or as one accessible HTML page. */
export function downloadReport(number: number, format: "pdf" | "html"): Promise<ApiFile> {
  return downloadFile(format === "pdf" ? FILE_TYPES.pdf : FILE_TYPES.html, (file) =>
    api().GET("/api/v1/district-analysis/reports/{number}/export", {
      params: { path: { number }, query: { format } },
      ...file,
    }),
  );
}
