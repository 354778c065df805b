import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Badge } from "../ui/Badge";
import { ConfirmDialog } from "../ui/Dialog";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { paths } from "../paths";
import { ActionItemDialog, AgendaItemDialog, DecisionDialog } from "./ItemDialogs";
import { movedPosition } from "./model";
import { meetingWrites, useMeetingWrite } from "./queries";
import type { AgendaItem, Decision, Meeting } from "./queries";

type Open =
  | { kind: "add" }
  | { kind: "edit" | "decision" | "action" | "remove"; item: AgendaItem }
  | { kind: "removeDecision"; decision: Decision };

/** The agenda with each item's minutes, decisions and action items; coordinators edit it
 * while the minutes are a draft. */
export function AgendaPanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const [open, setOpen] = useState<Open | null>(null);
  const items = meeting.agenda_items;
  const move = useMeetingWrite(({ item, position }: { item: AgendaItem; position: number }) =>
    meetingWrites.updateItem(meeting, item.id, { position }),
  );
  const remove = useMeetingWrite((item: AgendaItem) => meetingWrites.removeItem(meeting, item.id));
  const removeDecision = useMeetingWrite((decision: Decision) => meetingWrites.removeDecision(meeting, decision.id));
  const close = () => setOpen(null);

  function moveButton(item: AgendaItem, step: -1 | 1) {
    const position = movedPosition(items, item, step);
    const label = step < 0 ? "up" : "down";
    return (
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={position === null || move.isPending}
        aria-label={t(`agenda.${label}Label`, { title: item.title })}
        onClick={() => position !== null && move.mutate({ item, position })}
      >
        {t(`agenda.${label}`)}
      </button>
    );
  }

  return (
    <section className="panel" aria-labelledby="steering-agenda">
      <div className="page-heading">
        <h2 id="steering-agenda">{t("agenda.heading")}</h2>
        {editable && (
          <button type="button" className="button" onClick={() => setOpen({ kind: "add" })}>
            {t("agenda.add")}
          </button>
        )}
      </div>
      {move.isError && <ErrorNotice error={move.error} />}
      {items.length === 0 && <p className="empty">{t("agenda.empty")}</p>}
      <ol className="steering-agenda">
        {items.map((item, index) => (
          <li key={item.id} className="steering-item">
            <article aria-labelledby={`item-${item.id}`}>
              <h3 id={`item-${item.id}`}>
                <span className="steering-item-number">{t("agenda.number", { number: index + 1 })}</span> {item.title}
              </h3>
              <ul className="steering-item-facts">
                {item.presenter && <li>{t("agenda.presenter", { name: item.presenter })}</li>}
                {item.conflict_field && (
                  <li>
                    <Link to={paths.district}>{t("agenda.conflictField", { name: item.conflict_field.name })}</Link>
                  </li>
                )}
                {item.crisis_plan && (
                  <li>
                    <Link to={paths.crisisPlans.detail(item.crisis_plan.id)}>
                      {t("agenda.crisisPlan", { name: item.crisis_plan.name })}
                    </Link>
                  </li>
                )}
                {item.statistics_from && item.statistics_to && (
                  <li>
                    <Link to={`${paths.statistics}?from=${item.statistics_from}&to=${item.statistics_to}`}>
                      {t("agenda.statistics", {
                        from: format.date(item.statistics_from),
                        to: format.date(item.statistics_to),
                      })}
                    </Link>
                  </li>
                )}
              </ul>
              <h4>{t("agenda.minutes")}</h4>
              {item.minutes ? (
                <p className="pre-line">{item.minutes}</p>
              ) : (
                <p className="muted">{t("agenda.noMinutes")}</p>
              )}
              {item.decisions.length > 0 && (
                <>
                  <h4>{t("decisions.heading")}</h4>
                  <ul className="steering-decisions">
                    {item.decisions.map((decision) => (
                      <li key={decision.id}>
                        <p className="pre-line">{decision.text}</p>
                        {decision.vote && <p className="muted">{t("decisions.vote", decision.vote)}</p>}
                        {editable && (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => setOpen({ kind: "removeDecision", decision })}
                          >
                            {t("decisions.remove")}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {item.action_items.length > 0 && (
                <>
                  <h4>{t("actions.heading")}</h4>
                  <ul className="steering-actions">
                    {item.action_items.map((action) => (
                      <li key={action.task_id}>
                        <span className="steering-action-title">{action.title}</span>{" "}
                        <span className="muted">
                          {t("actions.line", { owner: action.owner_name, date: format.date(action.due_on) })}
                        </span>{" "}
                        <Badge tone={action.status === "done" ? "success" : action.status === "open" ? "info" : "neutral"}>
                          {t(`actions.status.${action.status}`)}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {editable && (
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t("agenda.editLabel", { title: item.title })}
                    onClick={() => setOpen({ kind: "edit", item })}
                  >
                    {t("agenda.edit")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t("decisions.addLabel", { title: item.title })}
                    onClick={() => setOpen({ kind: "decision", item })}
                  >
                    {t("decisions.add")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t("actions.addLabel", { title: item.title })}
                    onClick={() => setOpen({ kind: "action", item })}
                  >
                    {t("actions.add")}
                  </button>
                  {moveButton(item, -1)}
                  {moveButton(item, 1)}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t("agenda.removeLabel", { title: item.title })}
                    onClick={() => setOpen({ kind: "remove", item })}
                  >
                    {t("agenda.remove")}
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ol>
      {open?.kind === "add" && <AgendaItemDialog meeting={meeting} item={null} onClose={close} />}
      {open?.kind === "edit" && <AgendaItemDialog meeting={meeting} item={open.item} onClose={close} />}
      {open?.kind === "decision" && <DecisionDialog meeting={meeting} item={open.item} onClose={close} />}
      {open?.kind === "action" && <ActionItemDialog meeting={meeting} item={open.item} onClose={close} />}
      {open?.kind === "remove" && (
        <ConfirmDialog
          open
          title={t("agenda.removeTitle", { title: open.item.title })}
          confirmLabel={t("agenda.remove")}
          cancelLabel={t("cancel")}
          busy={remove.isPending}
          error={remove.isError ? problemMessage(remove.error, tUi) : null}
          onConfirm={() => remove.mutate(open.item, { onSuccess: close })}
          onCancel={close}
        >
          <p>{t("agenda.removeText")}</p>
        </ConfirmDialog>
      )}
      {open?.kind === "removeDecision" && (
        <ConfirmDialog
          open
          title={t("decisions.removeTitle")}
          confirmLabel={t("decisions.remove")}
          cancelLabel={t("cancel")}
          busy={removeDecision.isPending}
          error={removeDecision.isError ? problemMessage(removeDecision.error, tUi) : null}
          onConfirm={() => removeDecision.mutate(open.decision, { onSuccess: close })}
          onCancel={close}
        >
          <p>{t("decisions.removeText")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
