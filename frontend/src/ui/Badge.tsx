import "./ui.css";
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger";

/** A short label with a tone. The text always carries the meaning; the colour only supports it. */
export function Badge({ tone = "neutral", children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
