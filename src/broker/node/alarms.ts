/** A resource alarm as RabbitMQ reports it (rabbit_alarm's format_as_maps). */
export interface ResourceAlarm {
  readonly node: string;
  readonly resource: "memory" | "disk";
  readonly type: "resource_limit";
}

export interface ResourceReading {
  readonly memUsed: number;
  readonly memLimit: number;
  readonly diskFree: number;
  readonly diskLimit: number;
}

/**
 * The memory and disk alarms: raised when use passes a threshold, cleared when it falls back.
 * Whoever must react (connections blocking publishers) subscribes with onChange.
 */
export class Alarms {
  memory = false;
  disk = false;
  private readonly listeners = new Set<(memory: boolean, disk: boolean) => void>();

  update(r: ResourceReading): void {
    const memory = r.memUsed > r.memLimit;
    const disk = r.diskFree < r.diskLimit;
    if (memory === this.memory && disk === this.disk) return;
    this.memory = memory;
    this.disk = disk;
    for (const l of this.listeners) l(memory, disk);
  }

  onChange(listener: (memory: boolean, disk: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Alarms in effect on the node, memory before disk. */
  list(node: string): ResourceAlarm[] {
    const out: ResourceAlarm[] = [];
    if (this.memory) out.push({ node, resource: "memory", type: "resource_limit" });
    if (this.disk) out.push({ node, resource: "disk", type: "resource_limit" });
    return out;
  }
}
