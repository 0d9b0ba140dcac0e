import { effectiveArgument } from "./effective-args.js";
import type { Queue } from "./queue.js";

export type Overflow = "drop-head" | "reject-publish" | "reject-publish-dlx";

/** The feature values in force for a queue, from its x-arguments and policies; re-read when a policy changes. */
export interface QueueSettings {
  /** x-message-ttl in ms. */
  readonly messageTtl: number | undefined;
  /** x-expires in ms. */
  readonly expires: number | undefined;
  /** Ready-message limits; Infinity when unset. */
  readonly maxLength: number;
  readonly maxLengthBytes: number;
  readonly overflow: Overflow;
  /** Where dead letters go; undefined: they are dropped. */
  readonly deadLetterExchange: string | undefined;
  /** Replaces the routing keys of dead letters when set. */
  readonly deadLetterRoutingKey: string | undefined;
}

type Source = Pick<Queue, "arguments" | "policy" | "operatorPolicy">;

function num(q: Source, key: string): number | undefined {
  const v = effectiveArgument(q, key);
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return undefined;
}

function str(q: Source, key: string): string | undefined {
  const v = effectiveArgument(q, key);
  return typeof v === "string" ? v : undefined;
}

function overflowOf(q: Source): Overflow {
  const v = str(q, "overflow");
  return v === "reject-publish" || v === "reject-publish-dlx" ? v : "drop-head";
}

export function readSettings(q: Source): QueueSettings {
  return {
    messageTtl: num(q, "message-ttl"),
    expires: num(q, "expires"),
    maxLength: num(q, "max-length") ?? Infinity,
    maxLengthBytes: num(q, "max-length-bytes") ?? Infinity,
    overflow: overflowOf(q),
    deadLetterExchange: str(q, "dead-letter-exchange"),
    deadLetterRoutingKey: str(q, "dead-letter-routing-key"),
  };
}
