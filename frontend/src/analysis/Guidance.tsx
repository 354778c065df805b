import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { CaseSavedState } from "../cases";
import { createReferral, refreshCase } from "../cases/queries";
import { LoadingStatus } from "../layout/LoadingStatus";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import type { Guidance as GuidanceData, Suggestion } from "./model";
import { useGuidance } from "./queries";

interface GuidanceProps {
  caseId: string;
  /** The saved analysis's version: the guidance follows the saved analysis. */
  version: number;
  headingId: string;
  mayReadContacts: boolean;
  mayRefer: boolean;
}

/**
 * Which third-party help fits the highest assessed stage (labelled as guidance, not a
 * rule), and the network contacts whose topics or actor group fit, each referred in one click.
 */
export function Guidance({ caseId, version, headingId, mayReadContacts, mayRefer }: GuidanceProps) {
  const { t } = useTranslation("analysis");
  const guidance = useGuidance(caseId, version, mayReadContacts);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("guidance.heading")}</h2>
      <p className="analysis-guidance-label">{t("guidance.label")}</p>
      {!mayReadContacts ? (
        <p className="empty">{t("guidance.noContactsRight")}</p>
      ) : guidance.isPending ? (
        <LoadingStatus />
      ) : guidance.isError ? (
        <ErrorNotice error={guidance.error} onRetry={() => void guidance.refetch()} />
      ) : (
        <GuidanceBody caseId={caseId} data={guidance.data} mayRefer={mayRefer} />
      )}
    </section>
  );
}

function GuidanceBody({ caseId, data, mayRefer }: { caseId: string; data: GuidanceData; mayRefer: boolean }) {
  const { t } = useTranslation("analysis");
  const { t: tCases } = useTranslation("cases");
  if (data.stage === null) return <p className="empty">{t("guidance.none")}</p>;
  return (
    <>
      <p>{t("guidance.forStage", { stage: data.stage, name: tCases(`glasl.${data.stage}` as "glasl.1") })}</p>
      <ul>
        {data.help_kinds.map((kind) => (
          <li key={kind}>{t(`guidance.kinds.${kind}`)}</li>
        ))}
      </ul>
      <p className="field-hint">{t("guidance.source")}</p>
      <h3>{t("guidance.contactsHeading")}</h3>
      {data.suggestions.length === 0 ? (
        <p className="empty">{t("guidance.noContacts")}</p>
      ) : (
        <>
          <p className="field-hint analysis-no-print">{mayRefer ? t("guidance.referHint") : t("guidance.contactsHint")}</p>
          <ul className="analysis-suggestions">
            {data.suggestions.map((suggestion) => (
              <SuggestionItem key={suggestion.contact.id} caseId={caseId} stage={data.stage ?? 1} suggestion={suggestion} mayRefer={mayRefer} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function SuggestionItem({ caseId, stage, suggestion, mayRefer }: { caseId: string; stage: number; suggestion: Suggestion; mayRefer: boolean }) {
  const { t } = useTranslation("analysis");
  const { t: tNetwork } = useTranslation("network");
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { contact } = suggestion;
  const kinds = suggestion.help_kinds.map((kind) => t(`guidance.kindNames.${kind}`)).join(", ");
  const why = [
    suggestion.topics.length > 0 ? t("guidance.byTopics", { topics: suggestion.topics.join(", ") }) : null,
    suggestion.actor_group_fits ? t("guidance.byGroup", { group: tNetwork(`actorGroup.${contact.actor_group}`) }) : null,
  ].filter((part): part is string => part !== null);

  async function refer() {
    setBusy(true);
    setError(null);
    try {
      // A proposal without personal data: no consent is needed to record it, and its
      // details (consent, documents) are added on the case when it goes ahead.
      await createReferral(caseId, {
        contact_id: contact.id,
        personal_data: false,
        status: "proposed",
        reason: t("guidance.referralReason", { stage, kinds: kinds || t("none"), why: why.join("; ") }),
      });
      refreshCase(queryClient, caseId);
      const state: CaseSavedState = { saved: "referred" };
      void navigate(`${paths.cases.detail(caseId)}#case-timeline`, { state });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <li>
      <p className="analysis-suggestion-name">
        {contact.name} <span className="field-hint">({tNetwork(`actorGroup.${contact.actor_group}`)})</span>
      </p>
      <p>{[kinds ? t("guidance.offers", { kinds }) : null, ...why].filter(Boolean).join(" · ")}</p>
      {mayRefer && (
        <button
          type="button"
          className="button button-secondary analysis-no-print"
          disabled={busy}
          onClick={() => void refer()}
        >
          {t("guidance.refer", { name: contact.name })}
        </button>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </li>
  );
}
