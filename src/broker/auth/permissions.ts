import type { MetadataListener } from "../persistence/metadata-listener.js";
import { compileRegex } from "./regex.js";

/** A user's configure/write/read regexes on one vhost, as RabbitMQ stores them. */
export interface Permission {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

export type PermissionKind = keyof Permission;

interface Entry {
  readonly permission: Permission;
  readonly compiled: Readonly<Record<PermissionKind, RegExp>>;
}

/** Compiles a permission regex as RabbitMQ reads it: "" means ^$ (only the empty name). Throws InvalidRegexError. */
export function compilePermission(pattern: string): RegExp {
  return pattern === "" ? /^$/ : compileRegex(pattern);
}

/** Permissions by vhost then user; checks run against regexes compiled once at set time. */
export class PermissionStore {
  private readonly byVhost = new Map<string, Map<string, Entry>>();
  /** Told of every entry set or deleted (src/broker/persistence); vhost and user deletions cascade there. */
  onMetadataChange: MetadataListener | undefined;

  /** Sets (replacing) a user's permissions on a vhost; returns whether the pair is new. Throws on an invalid regex. */
  set(vhost: string, user: string, p: Permission): boolean {
    // compiled in RabbitMQ's validation order, so the first invalid pattern is the one reported
    const compiled = { configure: compilePermission(p.configure), write: compilePermission(p.write), read: compilePermission(p.read) };
    let users = this.byVhost.get(vhost);
    if (users === undefined) this.byVhost.set(vhost, (users = new Map()));
    const isNew = !users.has(user);
    users.set(user, { permission: { configure: p.configure, write: p.write, read: p.read }, compiled });
    this.onMetadataChange?.("permission", vhost, user);
    return isNew;
  }

  get(vhost: string, user: string): Permission | undefined {
    return this.byVhost.get(vhost)?.get(user)?.permission;
  }

  /** Returns whether there was an entry to delete. */
  delete(vhost: string, user: string): boolean {
    this.onMetadataChange?.("permission", vhost, user);
    return this.byVhost.get(vhost)?.delete(user) ?? false;
  }

  /** Whether the user may use the vhost at all (any permission entry grants access, as in RabbitMQ). */
  hasAccess(vhost: string, user: string): boolean {
    return this.byVhost.get(vhost)?.has(user) ?? false;
  }

  /** Whether the user's regex of that kind matches the resource name. */
  check(vhost: string, user: string, kind: PermissionKind, name: string): boolean {
    const e = this.byVhost.get(vhost)?.get(user);
    return e !== undefined && e.compiled[kind].test(name);
  }

  /** Every entry, vhost then user in insertion order. */
  *all(): Iterable<{ vhost: string; user: string } & Permission> {
    for (const [vhost, users] of this.byVhost) for (const [user, e] of users) yield { vhost, user, ...e.permission };
  }

  forVhost(vhost: string): ({ vhost: string; user: string } & Permission)[] {
    return [...this.all()].filter((p) => p.vhost === vhost);
  }

  forUser(user: string): ({ vhost: string; user: string } & Permission)[] {
    return [...this.all()].filter((p) => p.user === user);
  }

  /** Forgets a deleted vhost's permissions. */
  dropVhost(vhost: string): void {
    this.byVhost.delete(vhost);
  }

  /** Forgets a deleted user's permissions everywhere. */
  dropUser(user: string): void {
    for (const users of this.byVhost.values()) users.delete(user);
  }
}
