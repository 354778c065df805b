import { useTranslation } from "react-i18next";
import { CheckboxList } from "../ui/CheckboxList";
import { FieldGroup } from "../ui/Field";
import { LevelOptions } from "./CaseBadges";
import { STATUSES, TOPICS } from "./model";
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
          <CheckboxList options={STATUSES} checked={filters.status} label={(status) => t(`status.${status}`)} onChange={(status) => set({ status })} />
        </FieldGroup>
        <FieldGroup id="filter-topic" legend={t("field.topics")} className="filter-wide">
          <CheckboxList options={TOPICS} checked={filters.topic} label={(topic) => t(`topic.${topic}`)} onChange={(topic) => set({ topic })} />
        </FieldGroup>
        {(["escalationMin", "escalationMax"] as const).map((bound) => (
          <div className="field" key={bound}>
            <label htmlFor={`filter-${bound}`}>{t(bound === "escalationMin" ? "list.escalationFrom" : "list.escalationTo")}</label>
            <select
              id={`filter-${bound}`}
              value={filters[bound] ?? ""}
              onChange={(event) => set({ [bound]: event.target.value ? Number(event.target.value) : null })}
            >
              <option value="">{t("list.anyLevel")}</option>
              <LevelOptions />
            </select>
          </div>
        ))}
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
