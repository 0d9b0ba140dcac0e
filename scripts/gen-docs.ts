// Writes man/warrenctl.8 and the shell completions from the command registry (npm run gen:docs).
// Bundled to dist/gen-docs.mjs by scripts/build.mjs, so it runs on plain node with no TypeScript loader.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDocs } from "./docs/generate.js";

// both scripts/gen-docs.ts and dist/gen-docs.mjs sit one level below the repository root
const root = new URL("..", import.meta.url);
for (const [path, text] of Object.entries(generateDocs(root))) {
  const file = fileURLToPath(new URL(path, root));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${path}`);
}
