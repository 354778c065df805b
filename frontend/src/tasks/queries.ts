/** Tasks and follow-ups through the one API client. */
import { useQuery } from "@tanstack/react-query";
import type { components } from "../api/schema";
import { allPages } from "../api/allPages";
import { sessionClient, unwrap } from "../api/client";
import { ifMatch } from "../ui/etag";

const api = () => sessionClient().api;

export type TaskItem = components["schemas"]["TaskOut"];
export type TaskCreate = components["schemas"]["TaskCreate"];
export type TaskUpdate = components["schemas"]["TaskUpdate"];
export type StalledCase = components["schemas"]["StalledCase"];
export type DueGroup = components["schemas"]["DueGroup"];

export const DUE_GROUPS: readonly DueGroup[] = ["overdue", "today", "this_week", "later"];

export const taskKeys = {
  all: ["tasks"] as const,
  open: (owner: "mine" | "all") => ["tasks", "open", owner] as const,
  summary: ["tasks", "summary"] as const,
  stalled: (days: number, cursor: string | null) => ["tasks", "stalled", days, cursor] as const,
};

/** Every open task of the caller (or, for coordinators, of everyone), by due date. */
export function useOpenTasks(owner: "mine" | "all") {
  return useQuery({
    queryKey: taskKeys.open(owner),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/tasks", { params: { query: { owner, status: "open", limit: 100, cursor } } })),
      ),
  });
}

export function useTaskSummary(enabled: boolean) {
  return useQuery({
    queryKey: taskKeys.summary,
    enabled,
    queryFn: () => unwrap(api().GET("/api/v1/tasks/summary")),
  });
}

export function useStalledCases(days: number, cursor: string | null) {
  return useQuery({
    queryKey: taskKeys.stalled(days, cursor),
    queryFn: () =>
      unwrap(api().GET("/api/v1/tasks/stalled-cases", { params: { query: { inactive_days: days, cursor } } })),
  });
}

export function createTask(body: TaskCreate) {
  return unwrap(api().POST("/api/v1/tasks", { body }));
}

export function updateTask(task: TaskItem, body: TaskUpdate) {
  return unwrap(
    api().PATCH("/api/v1/tasks/{task_id}", {
      params: { path: { task_id: task.id }, header: ifMatch(task.version) },
      body,
    }),
  );
}

/** Active users a coordinator may hand a task to. */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: ["tasks", "owners"],
    enabled,
    queryFn: () =>
      allPages((cursor) => unwrap(api().GET("/api/v1/users", { params: { query: { cursor, limit: 100 } } }))),
  });
}
