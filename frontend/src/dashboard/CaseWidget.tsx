import type { ReactNode } from "react";
import { Link } from "react-router";
import { LevelBadge, StatusBadge } from "../cases";
import { useCaseList } from "../cases/queries";
import type { CaseItem } from "../cases";
import { Widget } from "./Widget";
import type { CaseWidgetSpec } from "./widgets";
import { paths } from "../paths";

interface CaseWidgetProps {
  id: string;
  heading: string;
  spec: CaseWidgetSpec;
  linkLabel: string;
  emptyText: string;
  /** Something to say about each case beyond status and stage (a due date). */
  extra?: (item: CaseItem) => ReactNode;
}

/** A short list of cases on the overview. */
export function CaseWidget({ id, heading, spec, linkLabel, emptyText, extra }: CaseWidgetProps) {
  const list = useCaseList(spec.query);
  const items = list.data?.items ?? [];
  return (
    <Widget
      id={id}
      heading={heading}
      link={{ to: spec.link, label: linkLabel }}
      state={list}
      empty={items.length === 0}
      emptyText={emptyText}
    >
      <ul className="widget-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={paths.cases.detail(item.id)} className="widget-title">
              {item.title}
            </Link>
            <span className="widget-meta">
              <span className="case-reference-inline">{item.reference}</span>
              <StatusBadge status={item.status} />
              <LevelBadge level={item.escalation_level} short />
              {extra?.(item)}
            </span>
          </li>
        ))}
      </ul>
    </Widget>
  );
}
