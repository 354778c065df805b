import { useTranslation } from "react-i18next";
import { Badge } from "../ui/Badge";
import { LEVELS, REFERRAL_TONE, STATUS_TONE, levelTone } from "./model";
import type { CaseStatus, EscalationLevel, ReferralStatus } from "./model";

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation("cases");
  return <Badge tone={STATUS_TONE[status]}>{t(`status.${status}`)}</Badge>;
}

/** The Glasl stage as number and German (or English) name; `short` shows the number only. */
export function LevelBadge({ level, short = false }: { level: EscalationLevel | null; short?: boolean }) {
  const { t } = useTranslation("cases");
  if (level === null) return <Badge tone={levelTone(level)}>{t("unrated")}</Badge>;
  const name = t(`glasl.${level}`);
  return (
    <Badge tone={levelTone(level)} title={short ? name : undefined}>
      {short ? t("level", { level }) : t("levelNamed", { level, name })}
    </Badge>
  );
}

export function ReferralBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation("cases");
  return <Badge tone={REFERRAL_TONE[status]}>{t(`referralStatus.${status}`)}</Badge>;
}

export function DemocracyBadge() {
  const { t } = useTranslation("cases");
  return <Badge tone="danger">{t("democracy")}</Badge>;
}

/** The nine Glasl stages as `<option>`s, each with number and name. */
export function LevelOptions() {
  const { t } = useTranslation("cases");
  return LEVELS.map((level) => (
    <option key={level} value={level}>
      {t("levelNamed", { level, name: t(`glasl.${level}`) })}
    </option>
  ));
}
