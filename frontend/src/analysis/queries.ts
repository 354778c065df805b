/** Reading and writing a case's conflict analysis through the one API client. */
import { useQuery } from "@tanstack/react-query";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import { ifMatch } from "../ui/etag";
import type { ActorPlace, AnalysisContent } from "./model";

const api = () => sessionClient().api;

export const analysisKeys = {
  all: ["analysis"] as const,
  detail: (caseId: string) => ["analysis", caseId] as const,
  versions: (caseId: string) => ["analysis", caseId, "versions"] as const,
  comparison: (caseId: string, from: number, to: number) => ["analysis", caseId, "compare", from, to] as const,
  // Under `versions`, so that saving a version reloads the course as well.
  course: (caseId: string, version: number) => ["analysis", caseId, "versions", "course", version] as const,
  guidance: (caseId: string, version: number) => ["analysis", caseId, "guidance", version] as const,
};

export function fetchAnalysis(caseId: string) {
  return unwrap(api().GET("/api/v1/cases/{case_id}/analysis", { params: { path: { case_id: caseId } } }));
}

export function useAnalysis(caseId: string) {
  return useQuery({ queryKey: analysisKeys.detail(caseId), queryFn: () => fetchAnalysis(caseId) });
}

export function saveAnalysis(caseId: string, version: number, body: AnalysisContent) {
  return unwrap(
    api().PUT("/api/v1/cases/{case_id}/analysis", {
      params: { path: { case_id: caseId } },
      headers: ifMatch(version),
      body,
    }),
  );
}

export function useVersions(caseId: string) {
  return useQuery({
    queryKey: analysisKeys.versions(caseId),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/cases/{case_id}/analysis/versions", {
          params: { path: { case_id: caseId }, query: { limit: 100 } },
        }),
      ),
  });
}

export function saveVersion(caseId: string, version: number, note: string) {
  return unwrap(
    api().POST("/api/v1/cases/{case_id}/analysis/versions", {
      params: { path: { case_id: caseId } },
      headers: ifMatch(version),
      body: { note },
    }),
  );
}

export function useComparison(caseId: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: analysisKeys.comparison(caseId, from ?? 0, to ?? 0),
    enabled: from !== null && to !== null,
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/cases/{case_id}/analysis/compare", {
          params: { path: { case_id: caseId }, query: { from: from ?? 1, to: to ?? 1 } },
        }),
      ),
  });
}

/** The analysis as a PDF; personal names only when asked for (the API audits the choice). */
export function downloadAnalysisPdf(caseId: string, includeNames: boolean): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.pdf, (file) =>
    api().GET("/api/v1/cases/{case_id}/analysis/export", {
      params: { path: { case_id: caseId }, query: { include_names: includeNames } },
      ...file,
    }),
  );
}

/** Puts actors at new places on the map; answers the analysis with its new version. */
export function saveActorPlaces(caseId: string, version: number, places: ActorPlace[]) {
  return unwrap(
    api().PUT("/api/v1/cases/{case_id}/analysis/positions", {
      params: { path: { case_id: caseId } },
      headers: ifMatch(version),
      body: { places },
    }),
  );
}

export function useCourse(caseId: string, analysisVersion: number) {
  return useQuery({
    queryKey: analysisKeys.course(caseId, analysisVersion),
    queryFn: () =>
      unwrap(api().GET("/api/v1/cases/{case_id}/analysis/course", { params: { path: { case_id: caseId } } })),
  });
}

export function useGuidance(caseId: string, analysisVersion: number, enabled: boolean) {
  return useQuery({
    queryKey: analysisKeys.guidance(caseId, analysisVersion),
    enabled,
    queryFn: () =>
      unwrap(api().GET("/api/v1/cases/{case_id}/analysis/guidance", { params: { path: { case_id: caseId } } })),
  });
}
