import type { MessageRouting } from "../message.js";
import { type Binding, Exchange } from "./exchange.js";

/** Routes every message to every binding, ignoring keys. */
export class FanoutExchange extends Exchange {
  readonly type = "fanout";

  route(_msg: MessageRouting, hit: (b: Binding) => void): void {
    for (const b of this.bindings.values()) hit(b);
  }
}
