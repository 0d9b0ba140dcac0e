import type { MetadataListener } from "../persistence/metadata-listener.js";

/** The limits RabbitMQ 3.10 knows per user. */
export const USER_LIMIT_NAMES = ["max-connections", "max-channels"] as const;
export type UserLimitName = (typeof USER_LIMIT_NAMES)[number];

export const isUserLimitName = (name: string): name is UserLimitName => (USER_LIMIT_NAMES as readonly string[]).includes(name);

/** A limit as set: an integer of any size (RabbitMQ keeps 2^64 exactly). */
export type UserLimitValue = number | bigint;

/** Per-user max-connections / max-channels; a negative value is stored but means "no limit", as in RabbitMQ. */
export class UserLimitStore {
  private readonly byUser = new Map<string, Map<UserLimitName, UserLimitValue>>();
  /** Told of every user whose limits change (src/broker/persistence); user deletion cascades there. */
  onMetadataChange: MetadataListener | undefined;

  set(user: string, name: UserLimitName, value: UserLimitValue): void {
    this.onMetadataChange?.("userLimits", user);
    let limits = this.byUser.get(user);
    if (limits === undefined) this.byUser.set(user, (limits = new Map()));
    limits.set(name, value);
  }

  clear(user: string, name: string): void {
    const limits = this.byUser.get(user);
    if (limits === undefined || !isUserLimitName(name)) return;
    this.onMetadataChange?.("userLimits", user);
    limits.delete(name);
    if (limits.size === 0) this.byUser.delete(user);
  }

  /** The user's limits with keys in Erlang map order (sorted), as RabbitMQ prints them; {} when none. */
  get(user: string): Record<string, UserLimitValue> {
    const limits = this.byUser.get(user);
    const out: Record<string, UserLimitValue> = {};
    if (limits === undefined) return out;
    for (const name of [...limits.keys()].sort()) out[name] = limits.get(name)!;
    return out;
  }

  /** Users that have at least one limit, in insertion order. */
  users(): string[] {
    return [...this.byUser.keys()];
  }

  /** The limit in force: undefined when unset or negative (RabbitMQ's "unlimited"). */
  effective(user: string, name: UserLimitName): number | undefined {
    const v = this.byUser.get(user)?.get(name);
    return v === undefined || v < 0 ? undefined : Number(v);
  }

  dropUser(user: string): void {
    this.byUser.delete(user);
  }
}
