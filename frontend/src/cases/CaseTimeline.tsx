import { useTranslation } from "react-i18next";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { isReferralStatus, isStatus } from "./model";
import type { TimelineEntry } from "./model";
import { useTimeline } from "./queries";

function useEntryText() {
  const { t } = useTranslation("cases");
  const status = (value: string | null) => (value && isStatus(value) ? t(`status.${value}`) : (value ?? ""));
  const level = (value: string | null) => (value === "unrated" ? t("unrated") : t("level", { level: value }));
  const referral = (value: string | null) =>
    value && isReferralStatus(value) ? t(`referralStatus.${value}`) : (value ?? "");
  return (entry: TimelineEntry): string => {
    if (entry.change === "crisis_plan") {
      return t("timeline.crisisPlan", { level: entry.to_value.replace("level_", "") });
    }
    if (entry.change === "referral") {
      const name = entry.subject ?? "";
      return entry.from_value === null
        ? t("timeline.referralInitial", { name, to: referral(entry.to_value) })
        : t("timeline.referral", { name, from: referral(entry.from_value), to: referral(entry.to_value) });
    }
    if (entry.change === "status" && entry.to_value === "referred" && entry.subject) {
      return t("timeline.referred", { from: status(entry.from_value), name: entry.subject });
    }
    if (entry.change === "status") {
      return entry.from_value === null
        ? t("timeline.statusInitial", { to: status(entry.to_value) })
        : t("timeline.status", { from: status(entry.from_value), to: status(entry.to_value) });
    }
    return entry.from_value === null
      ? t("timeline.escalationInitial", { to: level(entry.to_value) })
      : t("timeline.escalation", { from: level(entry.from_value), to: level(entry.to_value) });
  };
}

/** Every status and escalation change of the case, oldest first. */
export function CaseTimeline({ caseId, headingId }: { caseId: string; headingId: string }) {
  const { t } = useTranslation("cases");
  const format = useFormat();
  const timeline = useTimeline(caseId);
  const text = useEntryText();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("detail.timeline")}</h2>
      {timeline.isPending && <LoadingStatus />}
      {timeline.isError && <ErrorNotice error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isSuccess && timeline.data.items.length === 0 && <p className="empty">{t("detail.noTimeline")}</p>}
      {timeline.isSuccess && timeline.data.items.length > 0 && (
        <ol className="timeline">
          {timeline.data.items.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.occurred_at}>{format.dateTime(entry.occurred_at)}</time>{" "}
              <span className="by">{t("timeline.by", { name: entry.actor_name })}</span>
              <div>{text(entry)}</div>
              {entry.note && <p className="note">{entry.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
