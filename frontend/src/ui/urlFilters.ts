/**
 * A list's filters kept in the query string (links, reload and back all show the same list),
 * mirrored in component state so that a control shows its new value at once: the router
 * applies the new address in a transition, a moment later.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";

export function useUrlFilters<T>(
  parse: (params: URLSearchParams) => T,
  serialize: (filters: T) => URLSearchParams,
): [T, (next: T) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // Keyed by the string: the router hands out a new URLSearchParams object on every render.
  const fromUrl = useMemo(() => parse(new URLSearchParams(key)), [key, parse]);
  const [filters, setFilters] = useState(fromUrl);
  useEffect(() => setFilters(fromUrl), [fromUrl]);

  const apply = useCallback(
    (next: T) => {
      setFilters(next);
      // A changed filter starts at the first page again (serialize leaves the cursor out),
      // and replaces the history entry so that "back" leaves the list instead of undoing clicks.
      setParams(serialize(next), { replace: true });
    },
    [serialize, setParams],
  );
  return [filters, apply];
}
