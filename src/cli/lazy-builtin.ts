import { createRequire } from "node:module";

// The CLI bundle is CommonJS, so `require` exists there; under ESM (tests) we make one.
const req: NodeJS.Require = typeof require === "function" ? require : createRequire(import.meta.url);

/** A Node built-in loaded on first use: crypto, https (tls) and zlib cost start-up time few commands need. */
export function lazyBuiltin<T>(name: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= req(name) as T);
}
