import { traceCommand } from "./_trace.js";

export const trace_on = traceCommand(true);
