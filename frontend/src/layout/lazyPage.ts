import type { ComponentType } from "react";
import type { RouteObject } from "react-router";

/** A route whose page (the module's default export) is its own chunk, loaded on first visit. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}
