import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Broker } from "../broker.js";

/** Parts of the live broker that outlive a reset: the node itself, the connection-start table it keeps current, the connection set. */
const KEPT = new Set(["node", "serverProperties", "connections"]);

/**
 * reset/force_reset: every piece of broker state (vhosts, users, permissions and whatever else the Broker
 * constructor sets up) is replaced by that of a freshly constructed broker, so state added later is reset too.
 */
export function replaceState(broker: Broker, fresh: () => Broker): void {
  const blank = fresh() as unknown as Record<string, unknown>;
  const live = broker as unknown as Record<string, unknown>;
  for (const key of Object.keys(blank)) if (!KEPT.has(key)) live[key] = blank[key];
}

/** Deletes what a directory holds but `keep`, keeping the directory (RabbitMQ wipes its mnesia directory the same way). */
export function emptyDirectory(dir: string, keep: readonly string[] = []): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (!keep.includes(n)) rmSync(join(dir, n), { recursive: true, force: true });
}
