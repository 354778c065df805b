import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FlashNotice } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { blankIn, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { paths } from "../paths";
import { PresentationFields } from "./PresentationFields";
import type { PresentationValues } from "./PresentationFields";
import { PresentationStatusBadge } from "./PresentationStatusBadge";
import {
  confirmCheck,
  peerKeys,
  sharePresentation,
  updatePresentation,
  useCheck,
  useGroups,
  usePresentation,
  useReads,
  withdrawPresentation,
} from "./queries";
import type { Presentation } from "./queries";
import "../ui/page.css";
import "./peer.css";

/**
 * A case presentation. Members of the group read it; its author edits the draft, runs the
 * anonymisation check, confirms it, shares the presentation with a group, sees who of other
 * municipalities read it, and withdraws it.
 */
export default function PresentationPage() {
  const { presentationId = "" } = useParams();
  const { t } = useTranslation("peer");
  const item = usePresentation(presentationId);
  useDocumentTitle(item.data?.title ?? t("presentation.heading"));
  if (!item.data) return <QueryStatus query={item} />;
  return <PresentationView key={item.data.version} item={item.data} />;
}

function PresentationView({ item }: { item: Presentation }) {
  const { t } = useTranslation(["peer", "cases", "network"]);
  const draft = item.is_mine && item.status === "draft";
  return (
    <div className="peer-page">
      <p className="breadcrumb">
        <Link to={paths.peer.index}>{t("title")}</Link>
        {item.group_id && (
          <>
            {" / "}
            <Link to={paths.peer.group(item.group_id)}>{t("group.heading")}</Link>
          </>
        )}
      </p>
      <h1>{item.title}</h1>
      <FlashNotice />
      <p>
        <PresentationStatusBadge status={item.status} />{" "}
        {t("presentation.by", { name: item.author_name, municipality: item.author_municipality })}
        {item.case_id && (
          <>
            {" · "}
            <Link to={paths.cases.detail(item.case_id)}>{t("presentation.toCase")}</Link>
          </>
        )}
      </p>
      {draft ? <DraftEditor item={item} /> : <ReadView item={item} />}
      {item.is_mine && <AuthorTools item={item} />}
    </div>
  );
}

function ReadView({ item }: { item: Presentation }) {
  const { t } = useTranslation(["peer", "cases", "network"]);
  return (
    <section className="panel" aria-labelledby="presentation-content">
      <h2 id="presentation-content" className="visually-hidden">
        {t("presentation.heading")}
      </h2>
      <h3>{t("presentation.fields.key_question")}</h3>
      <p className="pre-line">{item.key_question}</p>
      <h3>{t("presentation.fields.summary")}</h3>
      <p className="pre-line">{item.summary || "–"}</p>
      <h3>{t("presentation.fields.tried")}</h3>
      <p className="pre-line">{item.tried || "–"}</p>
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("presentation.fields.escalation_level")}</dt>
          <dd>{item.escalation_level ?? "–"}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("presentation.fields.topics")}</dt>
          <dd>{item.topics.map((topic) => t(`cases:topic.${topic}`, { defaultValue: topic })).join(", ") || "–"}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("presentation.fields.actor_groups")}</dt>
          <dd>
            {item.actor_groups.map((group) => t(`network:actorGroup.${group}`, { defaultValue: group })).join(", ") ||
              "–"}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function DraftEditor({ item }: { item: Presentation }) {
  const { t } = useTranslation("peer");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PresentationValues>({
    title: item.title,
    summary: item.summary,
    key_question: item.key_question,
    tried: item.tried,
    escalation_level: item.escalation_level,
    topics: item.topics,
    actor_groups: item.actor_groups,
  });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const save = useMutation({
    mutationFn: () =>
      updatePresentation(item, {
        title: values.title,
        summary: values.summary,
        key_question: values.key_question,
        tried: values.tried,
        escalation_level: values.escalation_level,
      }),
    onSuccess: (updated) => {
      setErrors(null);
      queryClient.setQueryData(peerKeys.presentation(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: peerKeys.check(updated.id) });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(values))),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="panel" aria-labelledby="draft-heading">
      <h2 id="draft-heading">{t("presentation.draftHeading")}</h2>
      <ErrorSummary
        errors={errors}
        controlId={(path) => `presentation-${path.split(".")[0]}`}
        label={(path) => t(`presentation.fields.${path.split(".")[0]}`, { defaultValue: path })}
      />
      <form className="peer-form" onSubmit={onSubmit} noValidate>
        <PresentationFields values={values} onChange={setValues} errors={errors} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {t("presentation.saveDraft")}
          </button>
        </div>
      </form>
    </section>
  );
}

function AuthorTools({ item }: { item: Presentation }) {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const queryClient = useQueryClient();
  const draft = item.status === "draft";
  const check = useCheck(item.id, draft);
  const reads = useReads(item.id, true);
  const groups = useGroups();
  const joined = (groups.data ?? []).filter((g) => g.my_agreement_accepted);
  const [groupId, setGroupId] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const chosen = groupId || joined[0]?.id || "";

  const updated = (next: Presentation) => {
    setFailure(null);
    queryClient.setQueryData(peerKeys.presentation(next.id), next);
    void queryClient.invalidateQueries({ queryKey: peerKeys.all });
  };
  const confirm = useMutation({ mutationFn: () => confirmCheck(item), onSuccess: updated, onError: setFailure });
  const share = useMutation({ mutationFn: () => sharePresentation(item, chosen), onSuccess: updated, onError: setFailure });
  const withdraw = useMutation({ mutationFn: () => withdrawPresentation(item), onSuccess: updated, onError: setFailure });

  return (
    <>
      {failure !== null && <ErrorNotice error={failure} />}
      {draft && (
        <section className="panel" aria-labelledby="check-heading">
          <h2 id="check-heading">{t("check.heading")}</h2>
          <p>{t("check.explain")}</p>
          <QueryStatus query={check} />
          {check.data && check.data.findings.length === 0 && <p className="notice notice-success">{t("check.clean")}</p>}
          {check.data && check.data.findings.length > 0 && (
            <>
              <p className="notice notice-error" role="alert">
                {t("check.found", { count: check.data.findings.length })}
              </p>
              <ul className="peer-findings" aria-label={t("check.heading")}>
                {check.data.findings.map((finding) => (
                  <li key={`${finding.field}-${finding.start}`}>
                    {t(`check.kinds.${finding.kind}`)}: <span className="peer-finding-text">{finding.text}</span> (
                    {t(`presentation.fields.${finding.field}`, { defaultValue: finding.field })})
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void check.refetch()}>
              {t("check.again")}
            </button>
            {item.check_confirmed ? (
              <span className="badge badge-success">{t("check.confirmed")}</span>
            ) : (
              <button
                type="button"
                className="button button-primary"
                disabled={confirm.isPending || !check.data}
                onClick={() => confirm.mutate()}
              >
                {t("check.confirm")}
              </button>
            )}
          </div>
        </section>
      )}
      {draft && (
        <section className="panel" aria-labelledby="share-heading">
          <h2 id="share-heading">{t("share.heading")}</h2>
          {!item.check_confirmed && <p>{t("share.needsCheck")}</p>}
          {joined.length === 0 ? (
            <p className="empty">{t("share.noGroup")}</p>
          ) : (
            <div className="inline-form">
              <label htmlFor="share-group">{t("share.group")}</label>
              <select id="share-group" value={chosen} onChange={(e) => setGroupId(e.target.value)}>
                {joined.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button-primary"
                disabled={share.isPending || !item.check_confirmed}
                onClick={() => share.mutate()}
              >
                {t("share.submit")}
              </button>
            </div>
          )}
        </section>
      )}
      {item.status !== "withdrawn" && (
        <section className="panel" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t("withdraw.heading")}</h2>
          <p>{t("withdraw.explain")}</p>
          <button type="button" className="button button-secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t("withdraw.submit")}
          </button>
        </section>
      )}
      <section className="panel" aria-labelledby="reads-heading">
        <h2 id="reads-heading">{t("reads.heading")}</h2>
        <QueryStatus query={reads} />
        {reads.data && reads.data.length === 0 && <p className="empty">{t("reads.empty")}</p>}
        <ul>
          {reads.data?.map((read, index) => (
            <li key={`${read.read_at}-${index}`}>
              {t("reads.entry", {
                name: read.reader_name,
                municipality: read.reader_municipality,
                when: format.dateTime(read.read_at),
              })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
