// Bundles each program into one file so a run parses one file instead of resolving hundreds.
// warrenctl is CommonJS and minified: measured ~8 ms less start-up than an ESM bundle (no ESM loader).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning" };

// lazy-builtin.ts reads import.meta only when running as ESM (tests); in this bundle `require` exists
await build({ ...common, entryPoints: ["src/cli/bin.ts"], outfile: "dist/warrenctl.cjs", format: "cjs", minify: true, logOverride: { "empty-import-meta": "silent" } });
// gen-docs is bundled too so `npm run gen:docs` needs no TypeScript loader
await build({ ...common, entryPoints: { "gen-docs": "scripts/gen-docs.ts" }, outdir: "dist", outExtension: { ".js": ".mjs" }, format: "esm", minifySyntax: true });
// warren-server: ESM, unminified (readable stack traces in server logs)
await build({ ...common, entryPoints: { "warren-server": "src/server/bin.ts" }, outdir: "dist", outExtension: { ".js": ".mjs" }, format: "esm", minifySyntax: true });
// warren-perf: the load generator, built like warren-server
await build({ ...common, entryPoints: { "warren-perf": "src/perf/bin.ts" }, outdir: "dist", outExtension: { ".js": ".mjs" }, format: "esm", minifySyntax: true });
