import { randomBytes } from "node:crypto";
import { compareBinaries } from "./erlang-term.js";
import type { MetadataListener } from "../persistence/metadata-listener.js";
import type { Json } from "./json.js";

/** RabbitMQ names its cluster once, at first start: "rabbitmq-cluster-id-" and 16 random bytes in URL-safe base64. */
export const newClusterId = (): string => `rabbitmq-cluster-id-${randomBytes(16).toString("base64url")}`;

/** Cluster-wide runtime parameters (set_global_parameter), internal_cluster_id among them. */
export class GlobalParameters {
  private readonly values = new Map<string, Json>();
  /** Told of every parameter set or deleted (src/broker/persistence). */
  onMetadataChange: MetadataListener | undefined;

  constructor(clusterId = newClusterId()) {
    this.values.set("internal_cluster_id", clusterId);
  }

  get(name: string): Json | undefined {
    return this.values.get(name);
  }

  /** Stores the value; returns whether the name is new. */
  set(name: string, value: Json): boolean {
    const isNew = !this.values.has(name);
    this.values.set(name, value);
    this.onMetadataChange?.("globalParameter", name);
    return isNew;
  }

  delete(name: string): boolean {
    this.onMetadataChange?.("globalParameter", name);
    return this.values.delete(name);
  }

  /** Every parameter, by name as RabbitMQ sorts them. */
  list(): { name: string; value: Json }[] {
    return [...this.values].map(([name, value]) => ({ name, value })).sort((a, b) => compareBinaries(a.name, b.name));
  }
}
