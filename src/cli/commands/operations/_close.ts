// Closing connections over HTTP: DELETE /api/connections/<name> with the explanation in X-Reason, which the
// node hands to the client (CONNECTION_FORCED - <explanation>), as rabbitmqctl's explanation is.
import { ApiError } from "../../../api/errors.js";
import { p } from "../../../api/client.js";
import type { CommandContext } from "../../types.js";

/** An HTTP header carries bytes: UTF-8 goes as is, line breaks (which headers cannot hold) become spaces. */
export const reasonHeader = (explanation: string): Record<string, string> => ({
  "x-reason": Buffer.from(explanation.replace(/[\r\n\0]/g, " "), "utf8").toString("latin1"),
});

/** The management API learns of a new connection within the stats interval (5 s by default). */
const STATS_CATCH_UP_MS = 6000;

/**
 * Closes one connection; one already gone is not an error (rabbitmqctl ignores a dead pid too). `fresh` names
 * came from live tracking and may not be known to the API yet: their 404 is retried until it catches up.
 */
export async function closeConnection(ctx: CommandContext, name: string, explanation: string, fresh = false): Promise<void> {
  const deadline = Date.now() + (fresh ? STATS_CATCH_UP_MS : 0);
  for (;;) {
    try {
      return void (await ctx.api.delete(p`/api/connections/${name}`, { headers: reasonHeader(explanation) }));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      if (Date.now() >= deadline) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
