import { useTranslation } from "react-i18next";
import { FieldGroup } from "../ui/Field";
import { LEVELS, STATUSES, TOPICS } from "./model";
import { NO_FILTERS, activeFilterCount } from "./filters";
import type { CaseFilters } from "./filters";

interface AssigneeOption {
  id: string;
  name: string;
}

interface CaseFilterPanelProps {
  filters: CaseFilters;
  onChange: (filters: CaseFilters) => void;
  /** Colleagues a coordinator may filter by; empty for everyone else. */
  people: readonly AssigneeOption[];
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

function levelValue(value: string): number | null {
  return value ? Number(value) : null;
}

/** The filters of the case list; every change applies at once (the list updates politely). */
export function CaseFilterPanel({ filters, onChange, people }: CaseFilterPanelProps) {
  const { t } = useTranslation("cases");
  const active = activeFilterCount(filters);
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });

  return (
    <details className="filter-panel" open={active > 0 || undefined}>
      <summary>{active > 0 ? t("list.filtersActive", { count: active }) : t("list.filters")}</summary>
      <div className="filter-grid">
        <FieldGroup id="filter-status" legend={t("field.status")} className="filter-wide">
          <ul className="checkbox-list">
            {STATUSES.map((status) => (
              <li key={status}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={filters.status.includes(status)}
                    onChange={(event) => set({ status: toggle(filters.status, status, event.target.checked) })}
                  />
                  {t(`status.${status}`)}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
        <FieldGroup id="filter-topic" legend={t("field.topics")} className="filter-wide">
          <ul className="checkbox-list">
            {TOPICS.map((topic) => (
              <li key={topic}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={filters.topic.includes(topic)}
                    onChange={(event) => set({ topic: toggle(filters.topic, topic, event.target.checked) })}
                  />
                  {t(`topic.${topic}`)}
                </label>
              </li>
            ))}
          </ul>
        </FieldGroup>
        <div className="field">
          <label htmlFor="filter-escalation-min">{t("list.escalationFrom")}</label>
          <select
            id="filter-escalation-min"
            value={filters.escalationMin ?? ""}
            onChange={(event) => set({ escalationMin: levelValue(event.target.value) })}
          >
            <option value="">{t("list.anyLevel")}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t("levelNamed", { level, name: t(`glasl.${level}`) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-escalation-max">{t("list.escalationTo")}</label>
          <select
            id="filter-escalation-max"
            value={filters.escalationMax ?? ""}
            onChange={(event) => set({ escalationMax: levelValue(event.target.value) })}
          >
            <option value="">{t("list.anyLevel")}</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t("levelNamed", { level, name: t(`glasl.${level}`) })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-assignee">{t("list.assignee")}</label>
          <select
            id="filter-assignee"
            value={filters.assignee ?? ""}
            onChange={(event) => set({ assignee: event.target.value || null })}
          >
            <option value="">{t("list.assigneeAny")}</option>
            <option value="me">{t("list.assigneeMe")}</option>
            <option value="none">{t("list.assigneeNone")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-democracy">{t("list.democracy")}</label>
          <select
            id="filter-democracy"
            value={filters.democracy === null ? "" : String(filters.democracy)}
            onChange={(event) =>
              set({ democracy: event.target.value === "" ? null : event.target.value === "true" })
            }
          >
            <option value="">{t("list.any")}</option>
            <option value="true">{t("list.yes")}</option>
            <option value="false">{t("list.no")}</option>
          </select>
        </div>
        <label className="check filter-wide">
          <input
            type="checkbox"
            checked={filters.archived}
            onChange={(event) => set({ archived: event.target.checked })}
          />
          {t("list.archived")}
        </label>
        {active > 0 && (
          <div className="filter-wide">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => onChange({ ...NO_FILTERS, q: filters.q, sort: filters.sort })}
            >
              {t("list.reset")}
            </button>
          </div>
        )}
      </div>
    </details>
  );
}
