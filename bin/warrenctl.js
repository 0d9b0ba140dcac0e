#!/usr/bin/env node
import { run } from "../dist/warrenctl.mjs";
await run();
