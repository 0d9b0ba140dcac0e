import { methodNotAllowed, objectNotFound } from "./http-error.js";
import type { Method, Route } from "./route.js";

interface Compiled {
  readonly route: Route;
  readonly segments: readonly string[];
}

export interface Match {
  readonly route: Route;
  readonly params: Record<string, string>;
}

/** Matches /api paths segment by segment; literal segments win over parameters so "/users/bulk-delete" beats "/users/:name". */
export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    const seen = new Set<string>();
    this.compiled = routes.map((route) => {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key)) throw new Error(`duplicate route ${key}`);
      seen.add(key);
      return { route, segments: route.path.split("/").filter((s) => s !== "") };
    });
    // more literal segments first, so a fixed path shadows a parameterised one of the same length
    this.compiled.sort((a, b) => literalScore(b.segments) - literalScore(a.segments));
  }

  /** The route for a method and the raw (still percent-encoded) path after /api; throws 404 or 405 as RabbitMQ does. */
  match(method: string, rawPath: string): Match {
    const parts = rawPath.split("/").filter((s) => s !== "");
    const allowed = new Set<string>();
    // like cowboy's dispatch, the most literal path that matches decides: GET /users/bulk-delete is a 405, not GET /users/:name
    let best: number | undefined;
    for (const c of this.compiled) {
      if (best !== undefined && literalScore(c.segments) < best) break;
      const params = matchSegments(c.segments, parts);
      if (params === undefined) continue;
      best = literalScore(c.segments);
      if (c.route.method === method || (method === "HEAD" && c.route.method === "GET")) return { route: c.route, params };
      allowed.add(c.route.method);
    }
    if (allowed.size > 0) {
      if (allowed.has("GET")) allowed.add("HEAD");
      allowed.add("OPTIONS");
      throw methodNotAllowed([...allowed].sort());
    }
    throw objectNotFound();
  }

  /** The methods a path answers, for OPTIONS. */
  allowed(rawPath: string): Method[] {
    const parts = rawPath.split("/").filter((s) => s !== "");
    const out = new Set<Method>();
    for (const c of this.compiled) if (matchSegments(c.segments, parts) !== undefined) out.add(c.route.method);
    if (out.has("GET")) out.add("HEAD");
    return [...out];
  }
}

function literalScore(segments: readonly string[]): number {
  return segments.reduce((n, s, i) => n + (s.startsWith(":") ? 0 : 1 << (16 - i)), 0);
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    let part: string;
    try {
      part = decodeURIComponent(parts[i]!);
    } catch {
      return undefined;
    }
    if (p.startsWith(":")) params[p.slice(1)] = part;
    else if (p !== part) return undefined;
  }
  return params;
}
