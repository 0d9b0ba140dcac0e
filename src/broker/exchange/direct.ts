import type { MessageRouting } from "../message.js";
import { type Binding, Exchange } from "./exchange.js";

/** Routes on exact routing-key equality, indexed by key so a publish costs one map lookup. */
export class DirectExchange extends Exchange {
  readonly type: string = "direct";
  private readonly byKey = new Map<string, Set<Binding>>();

  route(msg: MessageRouting, hit: (b: Binding) => void): void {
    for (const key of msg.routingKeys) {
      const set = this.byKey.get(key);
      if (set !== undefined) for (const b of set) hit(b);
    }
  }

  protected override added(b: Binding): void {
    let set = this.byKey.get(b.routingKey);
    if (set === undefined) this.byKey.set(b.routingKey, (set = new Set()));
    set.add(b);
  }

  protected override removed(b: Binding): void {
    const set = this.byKey.get(b.routingKey);
    set?.delete(b);
    if (set?.size === 0) this.byKey.delete(b.routingKey);
  }
}
