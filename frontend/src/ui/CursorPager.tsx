import "./ui.css";
import { useTranslation } from "react-i18next";
import type { UrlCursor } from "./cursor";

interface CursorPagerProps {
  paging: UrlCursor;
  /** `next_cursor` of the page shown; null on the last page. */
  nextCursor: string | null | undefined;
  /** Names the navigation landmark, e.g. "Seiten der Fallliste". */
  label?: string;
}

/** Previous / next page buttons for a cursor-paged list. */
export function CursorPager({ paging, nextCursor, label }: CursorPagerProps) {
  const { t } = useTranslation("ui");
  if (paging.cursor === null && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={label ?? t("pager.label")}>
      {paging.detached ? (
        <button type="button" className="button button-secondary" onClick={paging.first}>
          {t("pager.first")}
        </button>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={paging.previous}
          disabled={!paging.canGoBack}
        >
          {t("pager.previous")}
        </button>
      )}
      {!paging.detached && (
        <span className="pager-page" aria-live="polite">
          {t("pager.page", { number: paging.page })}
        </span>
      )}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => nextCursor && paging.next(nextCursor)}
        disabled={!nextCursor}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
