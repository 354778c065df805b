import { useCallback, useState } from "react";

/** The element's width in pixels, kept up to date while it is mounted (`fallback` until known). */
export function useElementWidth<T extends HTMLElement>(fallback: number): [(node: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const ref = useCallback(
    (node: T | null) => {
      if (!node) return;
      const measure = () => {
        const measured = Math.floor(node.getBoundingClientRect().width);
        setWidth(measured > 0 ? measured : fallback);
      };
      measure();
      if (typeof ResizeObserver === "undefined") return;
      const observer = new ResizeObserver(measure);
      observer.observe(node);
      return () => observer.disconnect();
    },
    [fallback],
  );
  return [ref, width];
}
