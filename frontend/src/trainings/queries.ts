/** Qualification series, attendance and certificates through the one API client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components, paths } from "../api/schema";
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
  accounts: ["trainings", "accounts"] as const,
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

// --- the editor: series, modules, session days, participants, revocation ----------------

type Body<P extends keyof paths, M extends "post" | "patch"> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
export type SeriesInput = Body<"/api/v1/trainings", "post">;
export type SeriesChange = Body<"/api/v1/trainings/{series_id}", "patch">;
export type ModuleInput = Body<"/api/v1/trainings/{series_id}/modules", "post">;
export type SessionInput = Body<"/api/v1/trainings/{series_id}/modules/{module_id}/sessions", "post">;
export type ParticipantInput = Body<"/api/v1/trainings/{series_id}/participants", "post">;
export type ModuleKind = Module["kind"];

/** A write to a series; every view of trainings is read again afterwards. */
export function useTrainingWrite<I, O>(write: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export function createSeries(body: SeriesInput) {
  return unwrap(api().POST("/api/v1/trainings", { body }));
}

export function updateSeries(series: Series, body: SeriesChange) {
  return unwrap(
    api().PATCH("/api/v1/trainings/{series_id}", {
      params: { path: { series_id: series.id } },
      headers: ifMatch(series.version),
      body,
    }),
  );
}

export function addModule(seriesId: string, body: ModuleInput) {
  return unwrap(api().POST("/api/v1/trainings/{series_id}/modules", { params: { path: { series_id: seriesId } }, body }));
}

export function updateModule(seriesId: string, module: Module, body: Omit<ModuleInput, "position">) {
  return unwrap(
    api().PATCH("/api/v1/trainings/{series_id}/modules/{module_id}", {
      params: { path: { series_id: seriesId, module_id: module.id } },
      headers: ifMatch(module.version),
      body,
    }),
  );
}

export function deleteModule(seriesId: string, module: Module) {
  return unwrap(
    api().DELETE("/api/v1/trainings/{series_id}/modules/{module_id}", {
      params: { path: { series_id: seriesId, module_id: module.id } },
      headers: ifMatch(module.version),
    }),
  );
}

export function addSession(seriesId: string, moduleId: string, body: SessionInput) {
  return unwrap(
    api().POST("/api/v1/trainings/{series_id}/modules/{module_id}/sessions", {
      params: { path: { series_id: seriesId, module_id: moduleId } },
      body,
    }),
  );
}

export function updateSession(seriesId: string, day: TrainingSession, body: Partial<SessionInput>) {
  return unwrap(
    api().PATCH("/api/v1/trainings/{series_id}/sessions/{session_id}", {
      params: { path: { series_id: seriesId, session_id: day.id } },
      headers: ifMatch(day.version),
      body,
    }),
  );
}

export function deleteSession(seriesId: string, day: TrainingSession) {
  return unwrap(
    api().DELETE("/api/v1/trainings/{series_id}/sessions/{session_id}", {
      params: { path: { series_id: seriesId, session_id: day.id } },
      headers: ifMatch(day.version),
    }),
  );
}

export function addParticipant(seriesId: string, body: ParticipantInput) {
  return unwrap(
    api().POST("/api/v1/trainings/{series_id}/participants", { params: { path: { series_id: seriesId } }, body }),
  );
}

export function deleteParticipant(seriesId: string, participant: Participant) {
  return unwrap(
    api().DELETE("/api/v1/trainings/{series_id}/participants/{participant_id}", {
      params: { path: { series_id: seriesId, participant_id: participant.id } },
      headers: ifMatch(participant.version),
    }),
  );
}

export function revokeCertificate(certificate: Certificate, reason: string) {
  return unwrap(
    api().POST("/api/v1/trainings/{series_id}/certificates/{certificate_id}/revoke", {
      params: { path: { series_id: certificate.series_id, certificate_id: certificate.id } },
      headers: ifMatch(certificate.version),
      body: { reason },
    }),
  );
}

/** The municipality's active accounts, for enrolling colleagues (needs users:manage). */
export function useAccounts(enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.accounts,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/users", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })),
      ),
    enabled,
  });
}
