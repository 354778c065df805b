import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../ui/ErrorNotice";
import { CheckboxList } from "../ui/CheckboxList";
import { Field, FieldGroup } from "../ui/Field";
import { QueryStatus } from "../ui/QueryStatus";
import { contribute, sessionKeys, takeUpIdeas, useContributions } from "./queries";
import type { Contribution, ContributionKind, PeerSession } from "./queries";
import { PHASES, writableKinds } from "./sessionRules";

const MAX_TEXT = 2000;

/**
 * What was written, phase by phase, kept current by polling; the form writes into the
 * current phase what the caller's role may write there, and in the closing phase the case
 * giver marks the ideas they take up.
 */
export function SessionContributions({ session }: { session: PeerSession }) {
  const { t } = useTranslation("peer");
  const contributions = useContributions(session.id);
  const items = contributions.data ?? [];
  return (
    <section className="panel" aria-labelledby="contributions-heading">
      <h2 id="contributions-heading">{t("session.contributions")}</h2>
      <QueryStatus query={contributions} />
      <ContributionForm session={session} />
      {session.my_role === "case_giver" && session.status === "running" && session.phase === "closing" && (
        <TakeUpForm session={session} ideas={items.filter((c) => c.kind === "idea")} />
      )}
      {PHASES.map((phase) => {
        const written = items.filter((c) => c.phase === phase);
        if (written.length === 0) return null;
        return (
          <div key={phase} className="peer-phase-contributions">
            <h3>{t(`session.phases.${phase}.name`)}</h3>
            <ul aria-label={t(`session.phases.${phase}.name`)}>
              {written.map((c) => (
                <li key={c.id}>
                  <span className="badge badge-info">{t(`session.kinds.${c.kind}`)}</span> {c.text}{" "}
                  <span className="peer-muted">— {c.author_name}</span>
                  {c.taken_up && <span className="badge badge-success">{t("session.takenUp")}</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function ContributionForm({ session }: { session: PeerSession }) {
  const { t } = useTranslation("peer");
  const queryClient = useQueryClient();
  const kinds = writableKinds(session);
  const [kind, setKind] = useState<ContributionKind | "">("");
  const [text, setText] = useState("");
  const chosen = kind && kinds.includes(kind) ? kind : kinds[0];
  const write = useMutation({
    mutationFn: () => contribute(session, chosen as ContributionKind, text.trim()),
    onSuccess: () => {
      setText("");
      void queryClient.invalidateQueries({ queryKey: sessionKeys.contributions(session.id) });
    },
  });
  if (session.status !== "running") return null;
  if (kinds.length === 0) {
    const silent = session.my_role === "case_giver" && session.phase === "consultation";
    return <p className="peer-muted">{silent ? t("session.silent") : t("session.nothingToWrite")}</p>;
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && text.length <= MAX_TEXT) write.mutate();
  };
  return (
    <form className="peer-form" onSubmit={onSubmit}>
      {write.error && <ErrorNotice error={write.error} />}
      {kinds.length > 1 && (
        <Field id="contribution-kind" label={t("session.kind")}>
          {(control) => (
            <select {...control} value={chosen} onChange={(e) => setKind(e.target.value as ContributionKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`session.kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id="contribution-text"
        label={t("session.write", { kind: chosen ? t(`session.kinds.${chosen}`) : "" })}
        length={{ value: text, max: MAX_TEXT }}
      >
        {(control) => <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-primary" disabled={write.isPending || !text.trim()}>
        {t("session.post")}
      </button>
    </form>
  );
}

function TakeUpForm({ session, ideas }: { session: PeerSession; ideas: Contribution[] }) {
  const { t } = useTranslation("peer");
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(() => ideas.filter((i) => i.taken_up).map((i) => i.id));
  const save = useMutation({
    mutationFn: () => takeUpIdeas(session, chosen),
    onSuccess: (next) => {
      queryClient.setQueryData(sessionKeys.one(next.id), next);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.contributions(session.id) });
    },
  });
  const texts = new Map(ideas.map((idea) => [idea.id, idea.text]));
  if (ideas.length === 0) return null;
  return (
    <form
      className="peer-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {save.error && <ErrorNotice error={save.error} />}
      <FieldGroup id="taken-up" legend={t("session.takeUp")}>
        <CheckboxList options={ideas.map((idea) => idea.id)} checked={chosen} label={(id) => texts.get(id)} onChange={setChosen} />
      </FieldGroup>
      <button type="submit" className="button button-secondary" disabled={save.isPending}>
        {t("session.saveTakenUp")}
      </button>
      {save.isSuccess && <p role="status">{t("session.takenUpSaved")}</p>}
    </form>
  );
}
