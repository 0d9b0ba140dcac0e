#!/usr/bin/env node
import { run } from "../dist/warren-server.mjs";
process.exitCode = await run();
