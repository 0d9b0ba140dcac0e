import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Collector = (options?: { type: "major"; flavor: "regular" | "last-resort" }) => void;
let collector: Collector | undefined;

/**
 * V8's full collector; exposing it at run time works without starting node with --expose-gc. `compact` asks for
 * V8's most thorough collection (as under memory pressure): it also moves survivors out of sparse pages and gives
 * the freed pages back to the system, which a regular one leaves for later.
 */
export function fullGc(compact = false): void {
  if (collector === undefined) {
    setFlagsFromString("--expose-gc");
    collector = runInNewContext("gc") as Collector;
  }
  collector({ type: "major", flavor: compact ? "last-resort" : "regular" });
}
