#!/usr/bin/env node
"use strict";
// Loads the bundle through V8's code cache (Node 20 has no module compile cache): skips re-parsing 200 KB.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

const file = path.join(__dirname, "..", "dist", "warrenctl.cjs");
const cacheFile = `${file}.v8cache`;
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, path.dirname(file));
mod.exports.run().finally(() => {
  // a missing or stale cache is rewritten after the run, when the functions used have been compiled
  if (cachedData === undefined || script.cachedDataRejected) {
    try { fs.writeFileSync(cacheFile, script.createCachedData()); } catch {}
  }
});
