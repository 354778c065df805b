/**
 * Cursor paging kept in the address: `cursor` in the query string is the page shown, the
 * cursors of the pages before it live in the history entry's state. Reload, back and forward
 * keep working; a link shared with someone opens the same page (without the way back).
 */
import { useCallback } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router";

export const CURSOR_PARAM = "cursor";

interface CursorState {
  cursorStack?: string[];
}

export interface UrlCursor {
  /** The cursor of the page shown; null on the first page. */
  cursor: string | null;
  /** 1 on the first page; counts the pages walked since the first page was left. */
  page: number;
  /** The way back is known (we came here by "next"). */
  canGoBack: boolean;
  /** Opened at a later page without the way back (a link): offer the first page instead. */
  detached: boolean;
  next(nextCursor: string): void;
  previous(): void;
  first(): void;
}

/** Parameters without the cursor: a changed filter starts again at the first page. */
export function withoutCursor(params: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(params);
  copy.delete(CURSOR_PARAM);
  return copy;
}

export function useUrlCursor(): UrlCursor {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const cursor = params.get(CURSOR_PARAM);
  const stack = (location.state as CursorState | null)?.cursorStack ?? [];

  const go = useCallback(
    (target: string | null, cursorStack: string[]) => {
      const search = withoutCursor(params);
      if (target) search.set(CURSOR_PARAM, target);
      const state: CursorState = { cursorStack };
      navigate({ pathname: location.pathname, search: search.toString() }, { state });
    },
    [navigate, params, location.pathname],
  );

  return {
    cursor,
    page: cursor ? stack.length + 1 : 1,
    canGoBack: cursor !== null && stack.length > 0,
    detached: cursor !== null && stack.length === 0,
    next: (nextCursor) => go(nextCursor, [...stack, cursor ?? ""]),
    previous: () => go(stack.at(-1) || null, stack.slice(0, -1)),
    first: () => go(null, []),
  };
}
