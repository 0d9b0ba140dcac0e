import type { MessageRouting } from "../message.js";
import { type Binding, Exchange } from "./exchange.js";

/** Dot-separated words: `*` matches exactly one word, `#` zero or more. */
export function topicMatches(pattern: readonly string[], words: readonly string[]): boolean {
  return matchFrom(pattern, 0, words, 0);
}

function matchFrom(p: readonly string[], pi: number, w: readonly string[], wi: number): boolean {
  for (;;) {
    if (pi === p.length) return wi === w.length;
    const part = p[pi]!;
    if (part === "#") {
      // collapse runs of # and try every split point
      while (pi + 1 < p.length && p[pi + 1] === "#") pi++;
      if (pi + 1 === p.length) return true;
      for (let k = wi; k <= w.length; k++) if (matchFrom(p, pi + 1, w, k)) return true;
      return false;
    }
    if (wi === w.length) return false;
    if (part !== "*" && part !== w[wi]) return false;
    pi++;
    wi++;
  }
}

/** Topic routing; patterns are split once at bind time. */
export class TopicExchange extends Exchange {
  readonly type = "topic";
  private readonly patterns = new Map<Binding, string[]>();

  route(msg: MessageRouting, hit: (b: Binding) => void): void {
    for (const key of msg.routingKeys) {
      const words = key.split(".");
      for (const [b, pattern] of this.patterns) if (topicMatches(pattern, words)) hit(b);
    }
  }

  protected override added(b: Binding): void {
    this.patterns.set(b, b.routingKey.split("."));
  }

  protected override removed(b: Binding): void {
    this.patterns.delete(b);
  }
}
