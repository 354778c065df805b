import { useMutation } from "@tanstack/react-query";
import { sessionClient, unwrap } from "../api/client";
import type { components } from "../api/schema";

export type FeedbackCreate = components["schemas"]["FeedbackCreate"];

/** Sends a report of a barrier; works without signing in. */
export function useSendFeedback() {
  return useMutation({
    mutationFn: (body: FeedbackCreate) =>
      unwrap(sessionClient().api.POST("/api/v1/accessibility/feedback", { body })),
  });
}
