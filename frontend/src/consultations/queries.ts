/** Reading and recording consultations through the one API client. */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { sessionClient, unwrap } from "../api/client";
import type { ConsultationCreate, ConsultationListQuery } from "./model";

const api = () => sessionClient().api;

export const consultationKeys = {
  all: ["consultations"] as const,
  /** Every list, whatever its filters: what a new consultation makes stale. */
  lists: ["consultations", "list"] as const,
  list: (query: ConsultationListQuery) => ["consultations", "list", query] as const,
  ofCase: (caseId: string) => ["consultations", "case", caseId] as const,
  /** Without the confidential notes: reading it is not audited. */
  detail: (id: string) => ["consultations", "detail", id] as const,
  contacts: (q: string) => ["consultations", "contact-search", q] as const,
};

export function useConsultationList(query: ConsultationListQuery) {
  return useQuery({
    queryKey: consultationKeys.list(query),
    queryFn: () => unwrap(api().GET("/api/v1/consultations", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A case's consultations, newest first, a few at a time ("more" fetches the next page). */
export function useCaseConsultations(caseId: string, pageSize = 5) {
  return useInfiniteQuery({
    queryKey: consultationKeys.ofCase(caseId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET("/api/v1/cases/{case_id}/consultations", {
          params: { path: { case_id: caseId }, query: { limit: pageSize, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? null,
  });
}

export function useConsultation(id: string) {
  return useQuery({
    queryKey: consultationKeys.detail(id),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/consultations/{consultation_id}", {
          params: { path: { consultation_id: id }, query: { notes: false } },
        }),
      ),
  });
}

/** The confidential notes: an audited read, made only when the user asks for it. */
export function fetchConfidentialNotes(id: string) {
  return unwrap(
    api().GET("/api/v1/consultations/{consultation_id}", { params: { path: { consultation_id: id } } }),
  ).then((consultation) => consultation.confidential_notes ?? null);
}

export function useContactSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: consultationKeys.contacts(term),
    enabled: term.length >= 2,
    staleTime: 60_000,
    queryFn: () => unwrap(api().GET("/api/v1/contacts", { params: { query: { q: term, limit: 8 } } })),
  });
}

/** Records a consultation; with a case, on that case. */
export function recordConsultation(body: ConsultationCreate, caseId: string | null = null) {
  if (caseId === null) return unwrap(api().POST("/api/v1/consultations", { body }));
  return unwrap(api().POST("/api/v1/cases/{case_id}/consultations", { params: { path: { case_id: caseId } }, body }));
}
