import { useTranslation } from "react-i18next";
import { STATUSES } from "./attendance";
import type { Mark, Marks } from "./attendance";
import type { Participant } from "./queries";

interface AttendanceGridProps {
  participants: readonly Participant[];
  marks: Marks;
  onMark: (participantId: string, mark: Mark) => void;
  caption: string;
  readOnly?: boolean;
}

const CHOICES = [...STATUSES, "none"] as const;

/**
 * Participants × attendance: one radio group per row, named by the participant. Tab moves
 * from person to person, the arrow keys change the choice within a row.
 */
export function AttendanceGrid({ participants, marks, onMark, caption, readOnly }: AttendanceGridProps) {
  const { t } = useTranslation("trainings");
  return (
    <div className="table-scroll" role="region" aria-labelledby="attendance-caption" tabIndex={0}>
      <table className="data-table attendance-grid">
        <caption id="attendance-caption" className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("attendance.participant")}</th>
            <th scope="col">{t("detail.attendance")}</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((participant) => {
            const nameId = `attendance-name-${participant.id}`;
            const current = marks[participant.id] ?? null;
            return (
              <tr key={participant.id} className={current ? `mark-${current}` : "mark-none"}>
                <th scope="row" id={nameId}>
                  {participant.full_name}
                  {participant.organisation && <span className="row-meta">{participant.organisation}</span>}
                </th>
                <td>
                  <div className="mark-choices" role="radiogroup" aria-labelledby={nameId}>
                    {CHOICES.map((choice) => {
                      const id = `attendance-${participant.id}-${choice}`;
                      const mark: Mark = choice === "none" ? null : choice;
                      return (
                        <span key={choice} className={`mark-choice mark-choice-${choice}`}>
                          <input
                            id={id}
                            type="radio"
                            name={`attendance-${participant.id}`}
                            value={choice}
                            checked={current === mark}
                            disabled={readOnly}
                            onChange={() => onMark(participant.id, mark)}
                          />
                          <label htmlFor={id}>{t(`attendance.status.${choice}`)}</label>
                        </span>
                      );
                    })}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
