import type { Json } from "./json.js";

/** One runtime parameter: a component's named value in a vhost. */
export interface ParameterEntry {
  readonly component: string;
  readonly name: string;
  readonly value: Json;
}

/** A vhost's runtime parameters by component and name, policies and limits included (RabbitMQ keeps them all in one table). */
export class RuntimeParameters {
  private readonly byComponent = new Map<string, Map<string, Json>>();

  /** `changed` hears of every value stored or deleted (its vhost persists them). */
  constructor(private readonly changed?: (component: string, name: string) => void) {}

  get(component: string, name: string): Json | undefined {
    return this.byComponent.get(component)?.get(name);
  }

  /** Every entry, or one component's, in the order they were first set. */
  list(component?: string): ParameterEntry[] {
    const out: ParameterEntry[] = [];
    for (const [c, names] of this.byComponent) {
      if (component !== undefined && c !== component) continue;
      for (const [name, value] of names) out.push({ component: c, name, value });
    }
    return out;
  }

  /** Stores the value; returns the one it replaced. */
  put(component: string, name: string, value: Json): Json | undefined {
    let names = this.byComponent.get(component);
    if (names === undefined) this.byComponent.set(component, (names = new Map()));
    const old = names.get(name);
    names.set(name, value);
    this.changed?.(component, name);
    return old;
  }

  delete(component: string, name: string): boolean {
    this.changed?.(component, name);
    return this.byComponent.get(component)?.delete(name) ?? false;
  }
}
