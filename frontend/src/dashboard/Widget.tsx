import type { ReactNode } from "react";
import { Link } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ErrorNotice } from "../ui/ErrorNotice";

interface WidgetProps {
  id: string;
  heading: string;
  /** "Show all" link to the full list. */
  link?: { to: string; label: string };
  state: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}

/** One panel of the overview: a heading, a short list (or its empty state) and a way on. */
export function Widget({ id, heading, link, state, empty, emptyText, children }: WidgetProps) {
  return (
    <section className="panel widget" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {state.isPending && <LoadingStatus />}
      {state.isError && <ErrorNotice error={state.error} onRetry={() => void state.refetch()} />}
      {!state.isPending && !state.isError && (empty ? <p className="empty">{emptyText}</p> : children)}
      {link && (
        <p className="widget-more">
          <Link to={link.to}>{link.label}</Link>
        </p>
      )}
    </section>
  );
}
