import type { MetadataListener } from "../persistence/metadata-listener.js";
import { compilePermission } from "./permissions.js";

/** A user's write/read regexes on the routing keys of one topic exchange in one vhost. */
export interface TopicPermission {
  readonly exchange: string;
  readonly write: string;
  readonly read: string;
}

export type TopicPermissionKind = "write" | "read";

export interface TopicPermissionRow extends TopicPermission {
  readonly vhost: string;
  readonly user: string;
}

/** Values for the {username}, {vhost} and {client_id} placeholders RabbitMQ expands in topic permission regexes. */
export type TopicVariables = Readonly<Record<string, string>>;

interface Entry {
  readonly permission: TopicPermission;
  /** Expanded pattern -> compiled regex; the expansion depends on the connection (client_id). */
  readonly compiled: Map<string, RegExp>;
}

/** Compiled expansions kept per entry; a connection's variables rarely vary beyond a handful. */
const COMPILED_CACHE_SIZE = 32;

/** Replaces every {name} placeholder with its value, verbatim (RabbitMQ does not escape them). */
export function expandTopicVariables(pattern: string, variables: TopicVariables): string {
  let out = pattern;
  for (const [name, value] of Object.entries(variables)) out = out.split(`{${name}}`).join(value);
  return out;
}

/** Topic permissions by vhost, user and exchange; with no entry for an exchange, every routing key is allowed. */
export class TopicPermissionStore {
  private readonly byVhost = new Map<string, Map<string, Map<string, Entry>>>();
  /** Told of every (vhost, user) pair whose entries change (src/broker/persistence); vhost and user deletions cascade there. */
  onMetadataChange: MetadataListener | undefined;

  /** Sets (replacing) one exchange's entry; returns whether the (vhost, user) pair had none before, RabbitMQ's 201. Throws InvalidRegexError. */
  set(vhost: string, user: string, p: TopicPermission): boolean {
    // validated in RabbitMQ's order (write, then read) before anything changes
    compilePermission(p.write);
    compilePermission(p.read);
    let users = this.byVhost.get(vhost);
    if (users === undefined) this.byVhost.set(vhost, (users = new Map()));
    let exchanges = users.get(user);
    const isNew = exchanges === undefined || exchanges.size === 0;
    if (exchanges === undefined) users.set(user, (exchanges = new Map()));
    exchanges.set(p.exchange, { permission: { exchange: p.exchange, write: p.write, read: p.read }, compiled: new Map() });
    this.onMetadataChange?.("topicPermission", vhost, user);
    return isNew;
  }

  /** The pair's entries (one per exchange), or [] when there are none. */
  get(vhost: string, user: string): TopicPermissionRow[] {
    const exchanges = this.byVhost.get(vhost)?.get(user);
    return exchanges === undefined ? [] : [...exchanges.values()].map((e) => ({ vhost, user, ...e.permission }));
  }

  /** Removes all of the pair's entries; returns whether there were any. */
  delete(vhost: string, user: string): boolean {
    const users = this.byVhost.get(vhost);
    const had = (users?.get(user)?.size ?? 0) > 0;
    users?.delete(user);
    this.onMetadataChange?.("topicPermission", vhost, user);
    return had;
  }

  /** Removes one exchange's entry; returns whether the pair had any entries at all (RabbitMQ's 404 test). */
  deleteExchange(vhost: string, user: string, exchange: string): boolean {
    const exchanges = this.byVhost.get(vhost)?.get(user);
    if (exchanges === undefined || exchanges.size === 0) return false;
    exchanges.delete(exchange);
    this.onMetadataChange?.("topicPermission", vhost, user);
    return true;
  }

  /** Whether the routing key passes the user's write or read regex on that exchange ("" means only the empty key). */
  check(vhost: string, user: string, exchange: string, kind: TopicPermissionKind, routingKey: string, variables: TopicVariables): boolean {
    const e = this.byVhost.get(vhost)?.get(user)?.get(exchange);
    if (e === undefined) return true;
    const expanded = expandTopicVariables(e.permission[kind], variables);
    let re = e.compiled.get(expanded);
    if (re === undefined) {
      if (e.compiled.size >= COMPILED_CACHE_SIZE) e.compiled.clear();
      // an expansion can turn a valid pattern invalid (a value with regex syntax); RabbitMQ then refuses the key
      try {
        re = compilePermission(expanded);
      } catch {
        return false;
      }
      e.compiled.set(expanded, re);
    }
    return re.test(routingKey);
  }

  /** Every entry: vhost, then user, then exchange in insertion order. */
  *all(): Iterable<TopicPermissionRow> {
    for (const [vhost, users] of this.byVhost) for (const user of users.keys()) yield* this.get(vhost, user);
  }

  forVhost(vhost: string): TopicPermissionRow[] {
    return [...this.all()].filter((p) => p.vhost === vhost);
  }

  forUser(user: string): TopicPermissionRow[] {
    return [...this.all()].filter((p) => p.user === user);
  }

  /** Forgets a deleted vhost's topic permissions. */
  dropVhost(vhost: string): void {
    this.byVhost.delete(vhost);
  }

  /** Forgets a deleted user's topic permissions everywhere. */
  dropUser(user: string): void {
    for (const users of this.byVhost.values()) users.delete(user);
  }
}
