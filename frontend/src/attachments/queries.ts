/** Attachments of a case, a consultation or a crisis plan through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

export type Attachment = components["schemas"]["AttachmentOut"];

/** The record the files belong to. */
export interface AttachmentOwner {
  kind: "case" | "consultation" | "crisis_plan";
  id: string;
}

const api = () => sessionClient().api;

export const attachmentKeys = {
  of: (owner: AttachmentOwner) => ["attachments", owner.kind, owner.id] as const,
};

function listPage(owner: AttachmentOwner, cursor: string | null) {
  const query = { limit: 100, ...(cursor ? { cursor } : {}) };
  switch (owner.kind) {
    case "case":
      return unwrap(api().GET("/api/v1/cases/{case_id}/attachments", { params: { path: { case_id: owner.id }, query } }));
    case "consultation":
      return unwrap(
        api().GET("/api/v1/consultations/{consultation_id}/attachments", {
          params: { path: { consultation_id: owner.id }, query },
        }),
      );
    case "crisis_plan":
      return unwrap(api().GET("/api/v1/crisis-plans/{plan_id}/attachments", { params: { path: { plan_id: owner.id }, query } }));
  }
}

export function useAttachments(owner: AttachmentOwner) {
  return useQuery({
    queryKey: attachmentKeys.of(owner),
    queryFn: () => allPages((cursor) => listPage(owner, cursor)),
    // A refusal (403: files of a consultation for those handling the case) stays a refusal.
    retry: false,
  });
}

export interface Upload {
  file: File;
  description: string;
}

/** A multipart form: the file under `file`, the description when there is one. */
function formOf(body: { file: string; description?: string | null }): FormData {
  const form = new FormData();
  form.append("file", body.file as unknown as File);
  if (body.description) form.append("description", body.description);
  return form;
}

function upload(owner: AttachmentOwner, { file, description }: Upload) {
  // The generated type spells a binary part as string; the File is what is sent.
  const body = { file: file as unknown as string, description: description.trim() || null };
  // A retry after a lost answer must not attach the file twice.
  const headers = { "Idempotency-Key": crypto.randomUUID() };
  switch (owner.kind) {
    case "case":
      return unwrap(
        api().POST("/api/v1/cases/{case_id}/attachments", {
          params: { path: { case_id: owner.id } },
          body,
          headers,
          bodySerializer: formOf,
        }),
      );
    case "consultation":
      return unwrap(
        api().POST("/api/v1/consultations/{consultation_id}/attachments", {
          params: { path: { consultation_id: owner.id } },
          body,
          headers,
          bodySerializer: formOf,
        }),
      );
    case "crisis_plan":
      return unwrap(
        api().POST("/api/v1/crisis-plans/{plan_id}/attachments", {
          params: { path: { plan_id: owner.id } },
          body,
          headers,
          bodySerializer: formOf,
        }),
      );
  }
}

function remove(owner: AttachmentOwner, attachment: Attachment) {
  const headers = ifMatch(attachment.version);
  switch (owner.kind) {
    case "case":
      return unwrap(
        api().DELETE("/api/v1/cases/{case_id}/attachments/{attachment_id}", {
          params: { path: { case_id: owner.id, attachment_id: attachment.id } },
          headers,
        }),
      );
    case "consultation":
      return unwrap(
        api().DELETE("/api/v1/consultations/{consultation_id}/attachments/{attachment_id}", {
          params: { path: { consultation_id: owner.id, attachment_id: attachment.id } },
          headers,
        }),
      );
    case "crisis_plan":
      return unwrap(
        api().DELETE("/api/v1/crisis-plans/{plan_id}/attachments/{attachment_id}", {
          params: { path: { plan_id: owner.id, attachment_id: attachment.id } },
          headers,
        }),
      );
  }
}

export function useUploadAttachment(owner: AttachmentOwner) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Upload) => upload(owner, input),
    onSuccess: () => client.invalidateQueries({ queryKey: attachmentKeys.of(owner) }),
  });
}

export function useRemoveAttachment(owner: AttachmentOwner) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachment: Attachment) => remove(owner, attachment),
    onSuccess: () => client.invalidateQueries({ queryKey: attachmentKeys.of(owner) }),
  });
}

export function downloadAttachment(owner: AttachmentOwner, attachment: Attachment): Promise<ApiFile> {
  return downloadFile(FILE_TYPES.any, (file) => {
    switch (owner.kind) {
      case "case":
        return api().GET("/api/v1/cases/{case_id}/attachments/{attachment_id}/content", {
          ...file,
          params: { path: { case_id: owner.id, attachment_id: attachment.id } },
        });
      case "consultation":
        return api().GET("/api/v1/consultations/{consultation_id}/attachments/{attachment_id}/content", {
          ...file,
          params: { path: { consultation_id: owner.id, attachment_id: attachment.id } },
        });
      case "crisis_plan":
        return api().GET("/api/v1/crisis-plans/{plan_id}/attachments/{attachment_id}/content", {
          ...file,
          params: { path: { plan_id: owner.id, attachment_id: attachment.id } },
        });
    }
  });
}
