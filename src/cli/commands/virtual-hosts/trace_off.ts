import { traceCommand } from "./_trace.js";

export const trace_off = traceCommand(false);
