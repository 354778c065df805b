import { useTranslation } from "react-i18next";
import type { Presentation } from "./queries";

const TONE: Record<Presentation["status"], string> = {
  draft: "badge-neutral",
  shared: "badge-success",
  withdrawn: "badge-warning",
};

/** Draft, shared or withdrawn, in words. */
export function PresentationStatusBadge({ status }: { status: Presentation["status"] }) {
  const { t } = useTranslation("peer");
  return <span className={`badge ${TONE[status]}`}>{t(`presentation.statuses.${status}`)}</span>;
}
