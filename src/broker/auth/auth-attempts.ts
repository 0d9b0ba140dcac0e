/** The protocols RabbitMQ counts login attempts for; warren speaks these two. */
export type AuthProtocol = "http" | "amqp091";

export interface AuthAttemptCounts {
  readonly protocol: AuthProtocol;
  readonly auth_attempts: number;
  readonly auth_attempts_failed: number;
  readonly auth_attempts_succeeded: number;
}

export interface AuthAttemptsBySource extends AuthAttemptCounts {
  readonly remote_address: string;
  readonly username: string;
}

interface Counter {
  total: number;
  failed: number;
  succeeded: number;
}

/** The order the live node lists protocols in. */
const PROTOCOL_ORDER: readonly AuthProtocol[] = ["http", "amqp091"];

/** "::ffff:127.0.0.1" is how Node reports an IPv4 peer on a dual-stack socket; RabbitMQ prints the IPv4 form. */
const plainAddress = (address: string | undefined): string => (address ?? "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

/**
 * Login attempt counters per protocol, and per (address, user, protocol) when source tracking is on
 * (RabbitMQ's track_auth_attempt_source, off by default because that table only grows).
 */
export class AuthAttempts {
  private readonly byProtocol = new Map<AuthProtocol, Counter>();
  private readonly bySource = new Map<string, { remoteAddress: string; username: string; protocol: AuthProtocol; counter: Counter }>();

  constructor(public trackSource = false) {}

  record(protocol: AuthProtocol, remoteAddress: string | undefined, username: string, succeeded: boolean): void {
    bump(this.byProtocol, protocol, succeeded);
    const address = plainAddress(remoteAddress);
    if (!this.trackSource || (address === "" && username === "")) return;
    const key = JSON.stringify([address, username, protocol]);
    let entry = this.bySource.get(key);
    if (entry === undefined) this.bySource.set(key, (entry = { remoteAddress: address, username, protocol, counter: { total: 0, failed: 0, succeeded: 0 } }));
    count(entry.counter, succeeded);
  }

  /** GET /api/auth/attempts/:node: one row per protocol that saw an attempt. */
  totals(): AuthAttemptCounts[] {
    return PROTOCOL_ORDER.flatMap((protocol) => {
      const c = this.byProtocol.get(protocol);
      return c === undefined ? [] : [row(protocol, c)];
    });
  }

  /** GET /api/auth/attempts/:node/source: [] unless source tracking is on. */
  sources(): AuthAttemptsBySource[] {
    return [...this.bySource.values()].map((e) => ({ remote_address: e.remoteAddress, username: e.username, ...row(e.protocol, e.counter) }));
  }

  /** DELETE /api/auth/attempts/:node: forgets both tables. */
  reset(): void {
    this.byProtocol.clear();
    this.bySource.clear();
  }
}

function bump(map: Map<AuthProtocol, Counter>, protocol: AuthProtocol, succeeded: boolean): void {
  let c = map.get(protocol);
  if (c === undefined) map.set(protocol, (c = { total: 0, failed: 0, succeeded: 0 }));
  count(c, succeeded);
}

function count(c: Counter, succeeded: boolean): void {
  c.total++;
  if (succeeded) c.succeeded++;
  else c.failed++;
}

const row = (protocol: AuthProtocol, c: Counter): AuthAttemptCounts => ({
  protocol,
  auth_attempts: c.total,
  auth_attempts_failed: c.failed,
  auth_attempts_succeeded: c.succeeded,
});
