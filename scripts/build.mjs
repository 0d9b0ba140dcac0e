// Bundles warrenctl into one ESM file so a run parses one file instead of resolving hundreds.
import { build } from "esbuild";

await build({
  entryPoints: { warrenctl: "src/cli/bin.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: false,
  minifySyntax: true,
  logLevel: "warning",
});
