/** Qualification series, attendance and certificates through the one API client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type Series = Schemas["TrainingSeriesOut"];
export type Module = Schemas["ModuleOut"];
export type TrainingSession = Schemas["SessionOut"];
export type Participant = Schemas["ParticipantOut"];
export type Register = Schemas["AttendanceRegisterOut"];
export type AttendanceStatus = Schemas["AttendanceOut"]["status"];
export type Certificate = Schemas["CertificateOut"];
export type Verification = Schemas["CertificateVerification"];

const api = () => sessionClient().api;

export const trainingKeys = {
  all: ["trainings"] as const,
  list: (q: string, cursor: string | null) => ["trainings", "list", q, cursor] as const,
  schedule: ["trainings", "schedule"] as const,
  series: (id: string) => ["trainings", "series", id] as const,
  participants: (id: string) => ["trainings", "participants", id] as const,
  certificates: (id: string) => ["trainings", "certificates", id] as const,
  register: (seriesId: string, sessionId: string) => ["trainings", "register", seriesId, sessionId] as const,
  verification: (code: string) => ["certificate-verification", code] as const,
};

export function useSeriesList(q: string, cursor: string | null) {
  return useQuery({
    queryKey: trainingKeys.list(q, cursor),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/trainings", {
          params: { query: { limit: 25, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The first hundred series with their session days: enough to show what comes next. */
export function useSeriesSchedule() {
  return useQuery({
    queryKey: trainingKeys.schedule,
    queryFn: () => unwrap(api().GET("/api/v1/trainings", { params: { query: { limit: 100 } } })),
  });
}

export function useSeries(id: string) {
  return useQuery({
    queryKey: trainingKeys.series(id),
    queryFn: () => unwrap(api().GET("/api/v1/trainings/{series_id}", { params: { path: { series_id: id } } })),
  });
}

export function useParticipants(seriesId: string) {
  return useQuery({
    queryKey: trainingKeys.participants(seriesId),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api().GET("/api/v1/trainings/{series_id}/participants", {
            params: { path: { series_id: seriesId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

export function useCertificates(seriesId: string) {
  return useQuery({
    queryKey: trainingKeys.certificates(seriesId),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api().GET("/api/v1/trainings/{series_id}/certificates", {
            params: { path: { series_id: seriesId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

export function fetchRegister(seriesId: string, sessionId: string) {
  return unwrap(
    api().GET("/api/v1/trainings/{series_id}/sessions/{session_id}/attendance", {
      params: { path: { series_id: seriesId, session_id: sessionId } },
    }),
  );
}

export function useRegister(seriesId: string, sessionId: string) {
  return useQuery({
    queryKey: trainingKeys.register(seriesId, sessionId),
    queryFn: () => fetchRegister(seriesId, sessionId),
  });
}

export interface AttendanceEntry {
  participant_id: string;
  status: AttendanceStatus;
}

/** Replaces the whole register of a session day in one request, against the version read. */
export function saveRegister(seriesId: string, sessionId: string, version: number, entries: AttendanceEntry[]) {
  return unwrap(
    api().PUT("/api/v1/trainings/{series_id}/sessions/{session_id}/attendance", {
      params: { path: { series_id: seriesId, session_id: sessionId } },
      headers: ifMatch(version),
      body: { entries },
    }),
  );
}

export function useIssueCertificates(seriesId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { participant_ids?: string[]; issued_on?: string }) =>
      unwrap(api().POST("/api/v1/trainings/{series_id}/certificates", { params: { path: { series_id: seriesId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export function downloadCertificatePdf(seriesId: string, certificateId: string): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.pdf, (file) =>
    api().GET("/api/v1/trainings/{series_id}/certificates/{certificate_id}/pdf", {
      ...file,
      params: { path: { series_id: seriesId, certificate_id: certificateId } },
    }),
  );
}

export function useVerification(code: string) {
  return useQuery({
    queryKey: trainingKeys.verification(code),
    queryFn: () => unwrap(api().GET("/api/v1/certificates/verify/{code}", { params: { path: { code } } })),
    enabled: code.length > 0,
    retry: false,
  });
}
