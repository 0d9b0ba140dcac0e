#!/usr/bin/env node
import { run } from "../dist/warren-perf.mjs";
process.exitCode = await run();
