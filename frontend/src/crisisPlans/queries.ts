/** Reading and writing crisis plans through the one API client. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import { ifMatch } from "../ui/etag";
import type { ActivationCreate, ExerciseCreate, IndicatorState, PlanCreate, PlanUpdate } from "./model";

const api = () => sessionClient().api;

export const planKeys = {
  all: ["crisis-plans"] as const,
  list: (cursor: string | null, status: string) => ["crisis-plans", "list", cursor, status] as const,
  detail: (id: string) => ["crisis-plans", "detail", id] as const,
  editions: (lineageId: string) => ["crisis-plans", "editions", lineageId] as const,
  compare: (id: string, other: string) => ["crisis-plans", "compare", id, other] as const,
};

export function usePlanList(cursor: string | null, status: string) {
  return useQuery({
    queryKey: planKeys.list(cursor, status),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/crisis-plans", {
          params: {
            query: {
              cursor,
              sort: "-updated_at",
              status: (status || undefined) as PlanStatus | undefined,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

type PlanStatus = "draft" | "in_review" | "adopted" | "withdrawn";

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKeys.detail(id),
    queryFn: () => unwrap(api().GET("/api/v1/crisis-plans/{plan_id}", { params: { path: { plan_id: id } } })),
  });
}

export function useEditions(lineageId: string | undefined) {
  return useQuery({
    queryKey: planKeys.editions(lineageId ?? ""),
    enabled: Boolean(lineageId),
    queryFn: () =>
      unwrap(api().GET("/api/v1/crisis-plans", { params: { query: { lineage_id: lineageId, sort: "-updated_at" } } })),
  });
}

export function useComparison(id: string, other: string | null) {
  return useQuery({
    queryKey: planKeys.compare(id, other ?? ""),
    enabled: Boolean(other),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/crisis-plans/{plan_id}/compare", {
          params: { path: { plan_id: id }, query: { other: other ?? "" } },
        }),
      ),
  });
}

/** Plans due for review, for the coordinator's dashboard. */
export function useDuePlans(enabled: boolean) {
  return useQuery({
    queryKey: ["crisis-plans", "due"],
    enabled,
    queryFn: () => unwrap(api().GET("/api/v1/crisis-plans", { params: { query: { due_for_review: true } } })),
  });
}

export function createPlan(body: PlanCreate) {
  return unwrap(api().POST("/api/v1/crisis-plans", { body }));
}

export function updatePlan(id: string, version: number, body: PlanUpdate) {
  return unwrap(
    api().PATCH("/api/v1/crisis-plans/{plan_id}", {
      params: { path: { plan_id: id } },
      headers: ifMatch(version),
      body,
    }),
  );
}

export type Move = "submit" | "return" | "withdraw";

export function movePlan(id: string, version: number, move: Move) {
  const params = { params: { path: { plan_id: id } }, headers: ifMatch(version) };
  if (move === "submit") return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/submit", params));
  if (move === "return") return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/return", params));
  return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/withdraw", params));
}

export function adoptPlan(id: string, version: number, note: string) {
  return unwrap(
    api().POST("/api/v1/crisis-plans/{plan_id}/adopt", {
      params: { path: { plan_id: id } },
      headers: ifMatch(version),
      body: { note },
    }),
  );
}

export function newEdition(id: string) {
  return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/editions", { params: { path: { plan_id: id } } }));
}

/** The plan as PDF or as one HTML file for when the system is down (the export is audited). */
export function downloadPlan(id: string, format: "pdf" | "html"): Promise<ApiFile> {
  return downloadFile(FILE_TYPES[format], (file) =>
    api().GET("/api/v1/crisis-plans/{plan_id}/export", {
      ...file,
      params: { path: { plan_id: id }, query: { format } },
    }),
  );
}

export function setIndicatorState(id: string, version: number, key: string, state: IndicatorState, reason: string) {
  return unwrap(
    api().POST("/api/v1/crisis-plans/{plan_id}/indicators/{key}/state", {
      params: { path: { plan_id: id, key } },
      headers: ifMatch(version),
      body: { state, reason },
    }),
  );
}

export function useIndicatorLog(id: string) {
  return useQuery({
    queryKey: [...planKeys.detail(id), "indicator-changes"],
    queryFn: () =>
      unwrap(api().GET("/api/v1/crisis-plans/{plan_id}/indicator-changes", { params: { path: { plan_id: id } } })),
  });
}

export function useActivations(id: string) {
  return useQuery({
    queryKey: [...planKeys.detail(id), "activations"],
    queryFn: () => unwrap(api().GET("/api/v1/crisis-plans/{plan_id}/activations", { params: { path: { plan_id: id } } })),
  });
}

export function useActivation(id: string, activationId: string) {
  return useQuery({
    queryKey: [...planKeys.detail(id), "activation", activationId],
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/crisis-plans/{plan_id}/activations/{activation_id}", {
          params: { path: { plan_id: id, activation_id: activationId } },
        }),
      ),
  });
}

export function startActivation(id: string, body: ActivationCreate) {
  return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/activations", { params: { path: { plan_id: id } }, body }));
}

export type ActivationWork =
  | { kind: "step"; index: number; reached: boolean; note: string }
  | { kind: "task"; index: number; done: boolean }
  | { kind: "log"; text: string }
  | { kind: "close"; review: string };

export function workActivation(id: string, activationId: string, version: number, work: ActivationWork) {
  const path = { plan_id: id, activation_id: activationId };
  const headers = ifMatch(version);
  switch (work.kind) {
    case "step":
      return unwrap(
        api().POST("/api/v1/crisis-plans/{plan_id}/activations/{activation_id}/steps/{index}", {
          params: { path: { ...path, index: work.index } },
          headers,
          body: { reached: work.reached, note: work.note },
        }),
      );
    case "task":
      return unwrap(
        api().POST("/api/v1/crisis-plans/{plan_id}/activations/{activation_id}/tasks/{index}", {
          params: { path: { ...path, index: work.index } },
          headers,
          body: { done: work.done },
        }),
      );
    case "log":
      return unwrap(
        api().POST("/api/v1/crisis-plans/{plan_id}/activations/{activation_id}/log", {
          params: { path },
          headers,
          body: { text: work.text },
        }),
      );
    case "close":
      return unwrap(
        api().POST("/api/v1/crisis-plans/{plan_id}/activations/{activation_id}/close", {
          params: { path },
          headers,
          body: { review: work.review },
        }),
      );
  }
}

export function useExercises(id: string) {
  return useQuery({
    queryKey: [...planKeys.detail(id), "exercises"],
    queryFn: () => unwrap(api().GET("/api/v1/crisis-plans/{plan_id}/exercises", { params: { path: { plan_id: id } } })),
  });
}

export function recordExercise(id: string, body: ExerciseCreate) {
  return unwrap(api().POST("/api/v1/crisis-plans/{plan_id}/exercises", { params: { path: { plan_id: id } }, body }));
}

/** Exercise plans of training series (of one series if given), apart from the real plans. */
export function useExercisePlans(seriesId?: string) {
  return useQuery({
    queryKey: ["crisis-plans", "exercise", seriesId ?? ""],
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/crisis-plans", {
          params: {
            query: seriesId ? { training_series_id: seriesId, sort: "title" } : { exercise: true, sort: "title" },
          },
        }),
      ),
  });
}

/** An exercise plan as the first edition of a real draft, owned by `ownerId` (or the caller). */
export function copyToDraft(id: string, ownerId: string | null) {
  return unwrap(
    api().POST("/api/v1/crisis-plans/{plan_id}/copy-to-draft", {
      params: { path: { plan_id: id } },
      body: ownerId ? { owner_id: ownerId } : {},
    }),
  );
}

/** Active users of the municipality whose names contain `q`, to name in a plan. */
export function usePeople(q: string, mayOwn: boolean, enabled: boolean) {
  return useQuery({
    queryKey: ["crisis-plans", "people", q, mayOwn],
    enabled,
    staleTime: 60_000,
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/crisis-plans/people", {
          params: { query: { limit: q ? 20 : 100, may_own: mayOwn, ...(q ? { q } : {}) } },
        }),
      ),
  });
}
