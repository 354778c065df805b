/** The data-protection lifecycle through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type PeopleFound = Schemas["PeopleFound"];
export type AccessRequest = Schemas["AccessRequest"];
export type AccessReport = Schemas["AccessReport"];
export type Erasure = Schemas["ErasureOut"];
export type ErasureCreate = Schemas["ErasureCreate"];
export type MentionRef = Schemas["MentionRef"];
export type Feedback = Schemas["FeedbackOut"];
export type TextKind = Schemas["TextKind"];
export type PrivacyText = Schemas["PrivacyTextOut"];
export type PublicTexts = Schemas["PublicTexts"];

export const TEXT_KINDS = ["processing_record", "privacy_notice", "enforcement_body"] as const satisfies readonly TextKind[];

const api = () => sessionClient().api;

export const privacyKeys = {
  all: ["privacy"] as const,
  people: (q: string) => ["privacy", "people", q] as const,
  contacts: (q: string) => ["privacy", "contacts", q] as const,
  erasures: (cursor: string | null) => ["privacy", "erasures", cursor] as const,
  erasure: (id: string) => ["privacy", "erasure", id] as const,
  feedback: (cursor: string | null) => ["privacy", "feedback", cursor] as const,
  text: (kind: TextKind) => ["privacy", "text", kind] as const,
};

/** Contacts and training participants that may be the person (coordinators). */
export function usePeople(q: string) {
  return useQuery({
    queryKey: privacyKeys.people(q),
    enabled: q.length >= 2,
    queryFn: () => unwrap(api().GET("/api/v1/privacy/people", { params: { query: { q } } })),
  });
}

/** Contacts by name, for those who may only ask for an erasure. */
export function useContactSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: privacyKeys.contacts(q),
    enabled: enabled && q.length >= 2,
    queryFn: () => unwrap(api().GET("/api/v1/contacts", { params: { query: { q, kind: "person" } } })),
  });
}

export function useAccessReport() {
  return useMutation({
    // The route also answers PDF; as JSON it is the report.
    mutationFn: (body: AccessRequest) =>
      unwrap(api().POST("/api/v1/privacy/access-reports", { body })) as Promise<AccessReport>,
  });
}

export function downloadAccessPdf(body: AccessRequest): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.pdf, (file) =>
    api().POST("/api/v1/privacy/access-reports", { body, params: { query: { format: "pdf" } }, ...file }),
  );
}

export function useErasures(cursor: string | null) {
  return useQuery({
    queryKey: privacyKeys.erasures(cursor),
    queryFn: () => unwrap(api().GET("/api/v1/privacy/erasures", { params: { query: { cursor } } })),
  });
}

export function useErasure(id: string) {
  return useQuery({
    queryKey: privacyKeys.erasure(id),
    queryFn: () =>
      unwrap(api().GET("/api/v1/privacy/erasures/{request_id}", { params: { path: { request_id: id } } })),
  });
}

export function useRequestErasure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ErasureCreate) => unwrap(api().POST("/api/v1/privacy/erasures", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.all }),
  });
}

export function useDecideErasure(erasure: Erasure) {
  const client = useQueryClient();
  const path = { request_id: erasure.id };
  return useMutation({
    mutationFn: (
      decision: { approve: true; redact: MentionRef[]; deleteFiles: string[] } | { approve: false; reason: string },
    ) =>
      decision.approve
        ? unwrap(
            api().POST("/api/v1/privacy/erasures/{request_id}/approve", {
              params: { path },
              headers: ifMatch(erasure.version),
              body: { redact: decision.redact, delete_files: decision.deleteFiles },
            }),
          )
        : unwrap(
            api().POST("/api/v1/privacy/erasures/{request_id}/reject", {
              params: { path },
              headers: ifMatch(erasure.version),
              body: { reason: decision.reason },
            }),
          ),
    onSuccess: (data) => {
      client.setQueryData(privacyKeys.erasure(erasure.id), data);
      void client.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
}

export function useFeedback(cursor: string | null) {
  return useQuery({
    queryKey: privacyKeys.feedback(cursor),
    queryFn: () =>
      unwrap(api().GET("/api/v1/privacy/accessibility-feedback", { params: { query: { cursor } } })),
  });
}

export type RetentionPolicy = Schemas["RetentionPolicyOut"];

export function useRetentionPolicy() {
  return useQuery({
    queryKey: [...privacyKeys.all, "retention-policy"],
    queryFn: () => unwrap(api().GET("/api/v1/privacy/retention-policy")),
  });
}

export function useSaveRetentionPolicy(version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["RetentionPolicyUpdate"]) =>
      unwrap(api().PUT("/api/v1/privacy/retention-policy", { headers: ifMatch(version), body })),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.all }),
  });
}

export function useUpcoming() {
  return useQuery({
    queryKey: [...privacyKeys.all, "upcoming"],
    queryFn: () => unwrap(api().GET("/api/v1/privacy/upcoming")),
  });
}

/** One of the municipality's texts (Art. 30 record, privacy notice, enforcement body). */
export function usePrivacyText(kind: TextKind) {
  return useQuery({
    queryKey: privacyKeys.text(kind),
    queryFn: () => unwrap(api().GET("/api/v1/privacy/texts/{kind}", { params: { path: { kind } } })),
  });
}

export function useSavePrivacyText(kind: TextKind, version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api().PUT("/api/v1/privacy/texts/{kind}", {
          params: { path: { kind } },
          headers: ifMatch(version),
          body: { body },
        }),
      ),
    onSuccess: (data) => client.setQueryData(privacyKeys.text(kind), data),
  });
}

export function downloadPrivacyTextPdf(kind: TextKind): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.pdf, (file) =>
    api().GET("/api/v1/privacy/texts/{kind}/pdf", { params: { path: { kind } }, ...file }),
  );
}

/** Public, without signing in: a municipality's privacy notice and enforcement body. */
export function usePublicTexts(slug: string | undefined) {
  return useQuery({
    queryKey: ["public-privacy", slug ?? ""],
    enabled: Boolean(slug),
    queryFn: () =>
      unwrap(sessionClient().api.GET("/api/v1/public/privacy/{slug}", { params: { path: { slug: slug ?? "" } } })),
  });
}

/** Public: the municipalities whose texts can be read. */
export function usePublicMunicipalities() {
  return useQuery({
    queryKey: ["public-privacy"],
    queryFn: () => unwrap(sessionClient().api.GET("/api/v1/public/privacy")),
  });
}
