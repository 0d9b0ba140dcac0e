// An import is planned before anything changes: every entry is validated against the broker as it will be once
// the entries before it are applied, and the plan holds the changes to make. A file that fails anywhere
// changes nothing, where RabbitMQ would have applied the categories before the failing one.
import type { Permission } from "../auth/permissions.js";
import type { TopicPermission } from "../auth/topic-permissions.js";
import type { UserLimitName, UserLimitValue } from "../auth/user-limits.js";
import type { Broker } from "../broker.js";
import type { Json } from "../parameters/json.js";
import type { BindingSpec } from "../vhost/bind.js";
import type { ExchangeDeclaration } from "../vhost/declare-exchange.js";
import type { QueueDeclaration } from "../vhost/declare-queue.js";
import { Vhost } from "../vhost/vhost.js";

export type Credentials =
  | { readonly kind: "password"; readonly password: string }
  | { readonly kind: "hash"; readonly hash: string; readonly algorithm: string }
  /** Neither: a new user gets a hash of the empty password, an existing one loses its password (RabbitMQ's clear_password). */
  | { readonly kind: "none" };

export interface UserChange {
  readonly name: string;
  readonly credentials: Credentials;
  readonly tags: readonly string[];
  /** Merged into the user's limits; undefined leaves them as they are. */
  readonly limits: readonly (readonly [UserLimitName, UserLimitValue])[] | undefined;
}

export interface VhostChange {
  readonly name: string;
  readonly description: unknown;
  readonly tags: readonly string[];
  /** Only used when the vhost is created. */
  readonly defaultQueueType: unknown;
  /** undefined leaves tracing as it is. */
  readonly tracing: boolean | undefined;
}

export interface ParameterChange {
  readonly vhost: string;
  readonly component: string;
  readonly name: string;
  readonly value: Json;
}

export interface Plan {
  readonly users: UserChange[];
  readonly vhosts: VhostChange[];
  readonly permissions: { readonly vhost: string; readonly user: string; readonly permission: Permission }[];
  readonly topicPermissions: { readonly vhost: string; readonly user: string; readonly permission: TopicPermission }[];
  readonly exchanges: { readonly vhost: string; readonly declaration: ExchangeDeclaration }[];
  readonly globalParameters: { readonly name: string; readonly value: Json }[];
  /** Policies are parameters of the "policy" component. */
  readonly policies: ParameterChange[];
  readonly parameters: ParameterChange[];
  readonly queues: { readonly vhost: string; readonly declaration: QueueDeclaration }[];
  readonly bindings: { readonly vhost: string; readonly source: string; readonly spec: BindingSpec }[];
}

export const emptyPlan = (): Plan => ({
  users: [],
  vhosts: [],
  permissions: [],
  topicPermissions: [],
  exchanges: [],
  globalParameters: [],
  policies: [],
  parameters: [],
  queues: [],
  bindings: [],
});

/** The exchanges a new vhost starts with (the default exchange and amq.*). */
const BUILT_IN_EXCHANGES: ReadonlySet<string> = new Set(new Vhost("built-ins").exchanges.keys());

const key = (vhost: string, name: string): string => JSON.stringify([vhost, name]);

/** What exists once the planned changes so far are applied: the broker's objects plus the plan's. */
export class Expected {
  private readonly vhosts = new Set<string>();
  private readonly users = new Set<string>();
  private readonly exchanges = new Set<string>();
  private readonly queues = new Set<string>();

  constructor(readonly broker: Broker) {}

  hasVhost(name: string): boolean {
    return this.broker.vhosts.has(name) || this.vhosts.has(name);
  }

  hasUser(name: string): boolean {
    return this.broker.users.has(name) || this.users.has(name);
  }

  hasExchange(vhost: string, name: string): boolean {
    const v = this.broker.vhosts.get(vhost);
    if (v !== undefined && v.exchanges.has(name)) return true;
    return this.exchanges.has(key(vhost, name)) || (this.vhosts.has(vhost) && BUILT_IN_EXCHANGES.has(name));
  }

  hasQueue(vhost: string, name: string): boolean {
    return this.broker.vhosts.get(vhost)?.queues.has(name) === true || this.queues.has(key(vhost, name));
  }

  addVhost(name: string): void {
    this.vhosts.add(name);
  }

  addUser(name: string): void {
    this.users.add(name);
  }

  addExchange(vhost: string, name: string): void {
    this.exchanges.add(key(vhost, name));
  }

  addQueue(vhost: string, name: string): void {
    this.queues.add(key(vhost, name));
  }
}
