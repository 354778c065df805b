import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "../ui/Badge";
import { useFormat } from "../ui/format";
import type { ConsultationItem } from "./model";
import { paths } from "../paths";

/** One consultation in a list: when, what kind, how, how long, and what it was about. */
export function ConsultationSummary({ item }: { item: ConsultationItem }) {
  const { t } = useTranslation("consultations");
  const format = useFormat();
  const when = format.dateTime(item.started_at);
  return (
    <article aria-label={t("detail.title", { date: when })}>
      <div className="consultation-head">
        <Link to={paths.consultations.detail(item.id)}>
          <time dateTime={item.started_at}>{when}</time>
        </Link>
        <strong>{t(`kind.${item.kind}`)}</strong>
        <span>
          {t(`format.${item.format}`)} · {t("duration", { minutes: item.duration_minutes })}
        </span>
        {item.has_confidential_notes && <Badge tone="warning">{t("list.hasNotes")}</Badge>}
      </div>
      {item.summary && <p className="consultation-summary">{item.summary}</p>}
    </article>
  );
}
