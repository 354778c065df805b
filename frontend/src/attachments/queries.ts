/** Attachments of a case or a consultation through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { FILE_TYPES, downloadFile, sessionClient, unwrap } from "../api/client";
import type { ApiFile } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

export type Attachment = components["schemas"]["AttachmentOut"];

/** The record the files belong to. */
export type AttachmentOwner = { kind: "case"; id: string } | { kind: "consultation"; id: string };

const api = () => sessionClient().api;

export const attachmentKeys = {
  of: (owner: AttachmentOwner) => ["attachments", owner.kind, owner.id] as const,
};

function listPage(owner: AttachmentOwner, cursor: string | null) {
  const query = { limit: 100, ...(cursor ? { cursor } : {}) };
  return unwrap(
    owner.kind === "case"
      ? api().GET("/api/v1/cases/{case_id}/attachments", { params: { path: { case_id: owner.id }, query } })
      : api().GET("/api/v1/consultations/{consultation_id}/attachments", {
          params: { path: { consultation_id: owner.id }, query },
        }),
  );
}

export function useAttachments(owner: AttachmentOwner) {
  return useQuery({ queryKey: attachmentKeys.of(owner), queryFn: () => allPages((cursor) => listPage(owner, cursor)) });
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
  return unwrap(
    owner.kind === "case"
      ? api().POST("/api/v1/cases/{case_id}/attachments", {
          params: { path: { case_id: owner.id } },
          body,
          bodySerializer: formOf,
        })
      : api().POST("/api/v1/consultations/{consultation_id}/attachments", {
          params: { path: { consultation_id: owner.id } },
          body,
          bodySerializer: formOf,
        }),
  );
}

function remove(owner: AttachmentOwner, attachment: Attachment) {
  const headers = ifMatch(attachment.version);
  return unwrap(
    owner.kind === "case"
      ? api().DELETE("/api/v1/cases/{case_id}/attachments/{attachment_id}", {
          params: { path: { case_id: owner.id, attachment_id: attachment.id } },
          headers,
        })
      : api().DELETE("/api/v1/consultations/{consultation_id}/attachments/{attachment_id}", {
          params: { path: { consultation_id: owner.id, attachment_id: attachment.id } },
          headers,
        }),
  );
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
  return downloadFile(FILE_TYPES.any, (file) =>
    owner.kind === "case"
      ? api().GET("/api/v1/cases/{case_id}/attachments/{attachment_id}/content", {
          ...file,
          params: { path: { case_id: owner.id, attachment_id: attachment.id } },
        })
      : api().GET("/api/v1/consultations/{consultation_id}/attachments/{attachment_id}/content", {
          ...file,
          params: { path: { consultation_id: owner.id, attachment_id: attachment.id } },
        }),
  );
}
