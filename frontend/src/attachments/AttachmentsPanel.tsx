import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { ConfirmDialog } from "../ui/Dialog";
import { Field } from "../ui/Field";
import { QueryStatus } from "../ui/QueryStatus";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { downloadAttachment, useAttachments, useRemoveAttachment, useUploadAttachment } from "./queries";
import type { Attachment, AttachmentOwner } from "./queries";
import "./attachments.css";

const DESCRIPTION_MAX = 500;
/** What the file picker offers; the server decides by the content, whatever is picked. */
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.odt,.txt";

/** Bytes as the reader expects them: "180 kB", "2,4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [Math.max(bytes / 1000, 0.1), "kilobyte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

/** What kind of file it is, in words: PDF, image, text or office document. */
export function kindOf(mediaType: string): "pdf" | "image" | "text" | "document" {
  if (mediaType === "application/pdf") return "pdf";
  if (mediaType.startsWith("image/")) return "image";
  if (mediaType === "text/plain") return "text";
  return "document";
}

interface Props {
  owner: AttachmentOwner;
  /** Whether the caller may add and remove files here (the server decides in the end). */
  writable: boolean;
  headingId: string;
}

/** The files kept with a case, a consultation or a crisis plan: download, and (when writable) upload and remove. */
export function AttachmentsPanel({ owner, writable, headingId }: Props) {
  const { t } = useTranslation("attachments");
  const query = useAttachments(owner);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const refused = query.error instanceof ApiError && query.error.status === 403;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("title")}</h2>
      {refused ? <p className="muted">{t("restricted")}</p> : <QueryStatus query={query} />}
      {query.data &&
        (query.data.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <AttachmentList owner={owner} items={query.data} onRemove={writable ? setRemoving : null} />
        ))}
      {writable && query.data && <UploadForm owner={owner} />}
      {removing && <RemoveDialog owner={owner} attachment={removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}

function AttachmentList({
  owner,
  items,
  onRemove,
}: {
  owner: AttachmentOwner;
  items: Attachment[];
  onRemove: ((attachment: Attachment) => void) | null;
}) {
  const { t } = useTranslation("attachments");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const [loading, setLoading] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function download(attachment: Attachment) {
    setLoading(attachment.id);
    setFailure(null);
    try {
      saveFile(await downloadAttachment(owner, attachment), attachment.filename);
    } catch (error) {
      setFailure(`${t("downloadFailed")} ${problemMessage(error, tUi)}`);
    } finally {
      setLoading(null);
    }
  }

  return (
    <>
      <div role="alert">{failure && <p className="notice notice-error">{failure}</p>}</div>
      <ul className="attachment-list" aria-label={t("listLabel")}>
        {items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="button-link attachment-name"
              disabled={loading !== null}
              onClick={() => void download(item)}
            >
              {item.filename}
              <span className="visually-hidden"> ({t("download")})</span>
            </button>
            {loading === item.id && <span role="status"> {t("downloading")}</span>}
            {item.description && <p className="attachment-description">{item.description}</p>}
            <p className="muted attachment-meta">
              {t("meta", {
                kind: t(`kind.${kindOf(item.media_type)}`),
                size: formatBytes(item.size_bytes, format.locale),
                who: item.uploaded_by_name,
                date: format.dateTime(item.created_at),
              })}
            </p>
            {onRemove && (
              <button type="button" className="button button-secondary" onClick={() => onRemove(item)}>
                {t("remove")}
                <span className="visually-hidden"> ({item.filename})</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function UploadForm({ owner }: { owner: AttachmentOwner }) {
  const { t } = useTranslation("attachments");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const upload = useUploadAttachment(owner);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState("");
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const prefix = `${owner.kind}-attachment`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    if (!file) {
      setMissing(true);
      fileInput.current?.focus();
      return;
    }
    upload.mutate(
      { file, description },
      {
        onSuccess: (saved) => {
          setDone(t("uploaded", { name: saved.filename }));
          setFile(null);
          setDescription("");
          if (fileInput.current) fileInput.current.value = "";
        },
      },
    );
  }

  let failure: string | null = null;
  if (upload.isError) {
    const error = upload.error;
    const max = error instanceof ApiError ? Number(error.problem?.max_bytes) : 0;
    failure =
      error instanceof ApiError && error.status === 413
        ? max
          ? t("tooLarge", { max: formatBytes(max, format.locale) })
          : t("tooLargeUnknown")
        : problemMessage(error, tUi);
  }

  return (
    <form className="form attachment-upload" onSubmit={onSubmit} noValidate aria-busy={upload.isPending}>
      <h3>{t("add")}</h3>
      <Field
        id={`${prefix}-file`}
        label={t("file")}
        hint={t("fileHint")}
        error={missing && !file ? t("fileMissing") : failure}
        required
      >
        {(control) => (
          <input
            {...control}
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setMissing(false);
              upload.reset();
            }}
          />
        )}
      </Field>
      <Field
        id={`${prefix}-description`}
        label={t("description")}
        hint={t("descriptionHint")}
        length={{ value: description, max: DESCRIPTION_MAX }}
      >
        {(control) => (
          <input {...control} type="text" value={description} onChange={(event) => setDescription(event.target.value)} />
        )}
      </Field>
      <div className="button-row">
        <button
          type="submit"
          className="button button-primary"
          disabled={upload.isPending || description.length > DESCRIPTION_MAX}
        >
          {upload.isPending ? t("uploading") : t("upload")}
        </button>
      </div>
      <div role="status">{done && <p className="notice notice-success">{done}</p>}</div>
    </form>
  );
}

function RemoveDialog({ owner, attachment, onDone }: { owner: AttachmentOwner; attachment: Attachment; onDone: () => void }) {
  const { t } = useTranslation("attachments");
  const { t: tUi } = useTranslation("ui");
  const remove = useRemoveAttachment(owner);
  return (
    <ConfirmDialog
      open
      title={t("removeTitle")}
      confirmLabel={t("removeConfirm")}
      cancelLabel={tUi("cancel")}
      busy={remove.isPending}
      error={remove.isError ? problemMessage(remove.error, tUi) : null}
      onConfirm={() => remove.mutate(attachment, { onSuccess: onDone })}
      onCancel={onDone}
    >
      <p>{t("removeText", { name: attachment.filename })}</p>
    </ConfirmDialog>
  );
}
