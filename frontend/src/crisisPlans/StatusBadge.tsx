import { useTranslation } from "react-i18next";
import { Badge } from "../ui/Badge";
import type { BadgeTone } from "../ui/Badge";
import type { PlanItem } from "./model";

const TONES: Record<PlanItem["status"], BadgeTone> = {
  draft: "neutral",
  in_review: "progress",
  adopted: "success",
  withdrawn: "warning",
};

export function StatusBadge({ plan }: { plan: Pick<PlanItem, "status"> }) {
  const { t } = useTranslation("crisisPlans");
  return <Badge tone={TONES[plan.status]}>{t(`status.${plan.status}`)}</Badge>;
}
