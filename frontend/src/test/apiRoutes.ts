/**
 * Feature endpoints for component tests, on top of the fake auth API: a table of
 * "METHOD /path/:param" → handler, with every request recorded.
 */
export type RouteHandler = (request: Request, params: Record<string, string>) => Response | Promise<Response>;

export interface RoutedCall {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

function matcher(pattern: string): (method: string, path: string) => Record<string, string> | null {
  const [wantedMethod, wantedPath = ""] = pattern.split(" ");
  const names: string[] = [];
  const regex = new RegExp(
    `^${wantedPath.replace(/:(\w+)/g, (_match, name: string) => {
      names.push(name);
      return "([^/]+)";
    })}$`,
  );
  return (method, path) => {
    if (method !== wantedMethod) return null;
    const found = regex.exec(path);
    if (!found) return null;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? "")]));
  };
}

export function routedFetch(
  routes: Record<string, RouteHandler>,
  fallback: (request: Request) => Promise<Response>,
) {
  const table = Object.entries(routes).map(([pattern, handler]) => ({ match: matcher(pattern), handler }));
  const calls: RoutedCall[] = [];

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    for (const { match, handler } of table) {
      const params = match(request.method, url.pathname);
      if (!params) continue;
      const text = request.method === "GET" ? "" : await request.clone().text();
      calls.push({
        method: request.method,
        path: url.pathname,
        search: url.search,
        headers: request.headers,
        body: text ? JSON.parse(text) : null,
      });
      return handler(request, params);
    }
    return fallback(request);
  }

  return { fetch, calls };
}
