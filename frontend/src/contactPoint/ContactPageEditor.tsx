import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { sessionClient, unwrap } from "../api/client";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { QueryStatus } from "../ui/QueryStatus";
import { errorFor, formErrorsOf } from "../ui/problems";
import { paths } from "../paths";
import { ContactPageView } from "./ContactPageView";
import { useContactPage, useSaveContactPage } from "./queries";
import type { ContactPage, ContactPageUpdate } from "./queries";
import "../ui/page.css";
import "./contactPoint.css";

type TextKey = "offer" | "limits" | "emergency" | "point_name" | "point_address" | "point_hours" | "point_phone" | "point_email";

const FIELDS: readonly { key: TextKey; label: string; max: number; rows?: number }[] = [
  { key: "offer", label: "editor.offer", max: 5000, rows: 6 },
  { key: "limits", label: "editor.limits", max: 5000, rows: 4 },
  { key: "emergency", label: "editor.emergency", max: 2000, rows: 4 },
  { key: "point_name", label: "editor.pointName", max: 200 },
  { key: "point_address", label: "editor.pointAddress", max: 500 },
  { key: "point_hours", label: "editor.pointHours", max: 500 },
  { key: "point_phone", label: "editor.pointPhone", max: 50 },
  { key: "point_email", label: "editor.pointEmail", max: 254 },
];

function draftOf(page: ContactPage): ContactPageUpdate {
  return {
    published: page.published,
    page_slug: page.page_slug ?? null,
    offer: page.offer,
    limits: page.limits,
    emergency: page.emergency,
    point_name: page.point_name,
    point_address: page.point_address,
    point_hours: page.point_hours,
    point_phone: page.point_phone,
    point_email: page.point_email,
    inbox_member_ids: page.inbox_member_ids,
  };
}

function useConflictManagers() {
  return useQuery({
    queryKey: ["requests", "inbox-candidates"],
    queryFn: () =>
      unwrap(sessionClient().api.GET("/api/v1/users", { params: { query: { role: "conflict_manager", limit: 100 } } })),
  });
}

/** The coordination edits the public page; the preview shows what the public sees. */
export default function ContactPageEditor() {
  const { t } = useTranslation("contactPoint");
  const query = useContactPage();
  useDocumentTitle(t("editor.title"));
  return (
    <div className="request-page">
      <p>
        <Link to={paths.requests.list}>{t("detail.back")}</Link>
      </p>
      <h1>{t("editor.title")}</h1>
      <p className="lead">{t("editor.intro")}</p>
      <QueryStatus query={query} />
      {query.data && <Editor page={query.data} />}
    </div>
  );
}

function Editor({ page }: { page: ContactPage }) {
  const { t } = useTranslation("contactPoint");
  const { t: tUi } = useTranslation("ui");
  const save = useSaveContactPage();
  const managers = useConflictManagers();
  const [draft, setDraft] = useState<ContactPageUpdate>(() => draftOf(page));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(page)), [page]);
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const slug = draft.page_slug || page.slug;
  const url = `${window.location.origin}${paths.contactPage(slug)}`;
  const members = draft.inbox_member_ids ?? [];

  function set<K extends keyof ContactPageUpdate>(key: K, value: ContactPageUpdate[K]) {
    setSaved(false);
    setDraft((current) => ({ ...current, [key]: value }));
  }

  return (
    <div className="contact-editor">
      <form
        className="form"
        noValidate
        aria-busy={save.isPending}
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ version: page.version, body: { ...draft, page_slug: draft.page_slug?.trim() || null } }, { onSuccess: () => setSaved(true) });
        }}
      >
        <ErrorSummary errors={errors} controlId={(path) => `page-${path}`} />
        {saved && (
          <p className="notice notice-success" role="status">
            {t("editor.saved")}
          </p>
        )}
        <Field id="page-published" label={t("editor.published")}>
          {(control) => <input {...control} type="checkbox" checked={draft.published} onChange={(e) => set("published", e.target.checked)} />}
        </Field>
        <p>
          {t("editor.address", { url })}{" "}
          {page.published && <Link to={paths.contactPage(slug)}>{paths.contactPage(slug)}</Link>}
        </p>
        <Field id="page-page_slug" label={t("editor.pageSlug")} hint={t("editor.pageSlugHint")} error={errorFor(errors, "page_slug")}>
          {(control) => <input {...control} type="text" maxLength={40} value={draft.page_slug ?? ""} onChange={(e) => set("page_slug", e.target.value)} />}
        </Field>
        {FIELDS.map((field) => (
          <Field
            key={field.key}
            id={`page-${field.key}`}
            label={t(field.label as "editor.offer")}
            error={errorFor(errors, field.key)}
            length={field.rows ? { value: draft[field.key] ?? "", max: field.max } : undefined}
          >
            {(control) =>
              field.rows ? (
                <textarea {...control} rows={field.rows} value={draft[field.key] ?? ""} onChange={(e) => set(field.key, e.target.value)} />
              ) : (
                <input {...control} type="text" maxLength={field.max} value={draft[field.key] ?? ""} onChange={(e) => set(field.key, e.target.value)} />
              )
            }
          </Field>
        ))}
        <fieldset className="field-group">
          <legend>{t("editor.inboxMembers")}</legend>
          {(managers.data?.items ?? [])
            .filter((user) => user.is_active)
            .map((user) => (
              <label key={user.id} className="check">
                <input
                  type="checkbox"
                  checked={members.includes(user.id)}
                  onChange={(e) =>
                    set("inbox_member_ids", e.target.checked ? [...members, user.id] : members.filter((id) => id !== user.id))
                  }
                />{" "}
                {user.full_name}
              </label>
            ))}
        </fieldset>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? tUi("saving") : t("editor.save")}
        </button>
      </form>
      <section className="contact-preview" aria-labelledby="page-preview">
        <h2 id="page-preview">{t("editor.preview")}</h2>
        <p className="field-hint">{t("public.preview")}</p>
        <ContactPageView
          headingLevel={2}
          content={{
            municipalityName: page.municipality_name,
            offer: draft.offer ?? "",
            limits: draft.limits ?? "",
            emergency: draft.emergency ?? "",
            point: {
              name: draft.point_name ?? "",
              address: draft.point_address ?? "",
              hours: draft.point_hours ?? "",
              phone: draft.point_phone ?? "",
              email: draft.point_email ?? "",
            },
            managers: page.conflict_managers,
          }}
        >
          <p className="contact-ask">
            <span className="button button-primary" aria-hidden="true">
              {t("public.ask")}
            </span>
          </p>
        </ContactPageView>
      </section>
    </div>
  );
}
