import type { MetadataListener } from "../persistence/metadata-listener.js";
import { DEFAULT_HASHING_ALGORITHM, hashPassword, verifyPassword } from "./password-hash.js";

/** A user to create at start (startBroker's `users` option), with a cleartext password. */
export interface UserSpec {
  readonly name: string;
  readonly password: string;
  readonly tags?: readonly string[];
  /** Adds (true) or removes (false) the user from the loopback-only list (RabbitMQ's loopback_users). */
  readonly loopbackOnly?: boolean;
}

/** A stored user as RabbitMQ keeps it: the password only as a salted hash ("" = no password login). */
export interface UserRecord {
  readonly name: string;
  readonly passwordHash: string;
  readonly hashingAlgorithm: string;
  readonly tags: readonly string[];
}

/** Who logged in: what the HTTP auth middleware and the AMQP connection keep. */
export interface LoginUser {
  readonly name: string;
  readonly tags: readonly string[];
}

/** Why a login failed: bad credentials, or a loopback-only user connecting from elsewhere. */
export type LoginResult = { readonly ok: true; readonly user: LoginUser } | { readonly ok: false; readonly reason: "refused" | "loopback" };

export interface UserStoreOptions {
  /** Users that may log in only from a loopback address; RabbitMQ's default is ["guest"]. */
  readonly loopbackUsers?: readonly string[] | undefined;
}

/** The first-start user, as RabbitMQ creates it. */
export const DEFAULT_USERS: readonly UserSpec[] = [{ name: "guest", password: "guest", tags: ["administrator"] }];

/** What a login for a missing user is checked against, so it costs what a real check costs. */
const DECOY_HASH = hashPassword("decoy");

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback, as rabbit_net:is_loopback counts them. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  return /^(127\.|::ffff:127\.)/i.test(address) || address === "::1";
}

/** Users by name, in creation order. */
export class UserStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly loopbackUsers: Set<string>;
  /** Told of every user created, changed or deleted (src/broker/persistence). */
  onMetadataChange: MetadataListener | undefined;

  constructor(specs: readonly UserSpec[] = DEFAULT_USERS, options: UserStoreOptions = {}) {
    this.loopbackUsers = new Set(options.loopbackUsers ?? ["guest"]);
    for (const u of specs) {
      this.put({ name: u.name, passwordHash: hashPassword(u.password), hashingAlgorithm: DEFAULT_HASHING_ALGORITHM, tags: [...(u.tags ?? [])] });
      if (u.loopbackOnly === true) this.loopbackUsers.add(u.name);
      if (u.loopbackOnly === false) this.loopbackUsers.delete(u.name);
    }
  }

  names(): string[] {
    return [...this.users.keys()];
  }

  all(): UserRecord[] {
    return [...this.users.values()];
  }

  get(name: string): UserRecord | undefined {
    return this.users.get(name);
  }

  has(name: string): boolean {
    return this.users.has(name);
  }

  /** Creates or replaces a user; returns whether it is new. */
  put(user: UserRecord): boolean {
    const isNew = !this.users.has(user.name);
    this.onMetadataChange?.("user", user.name);
    this.users.set(user.name, { name: user.name, passwordHash: user.passwordHash, hashingAlgorithm: user.hashingAlgorithm, tags: [...user.tags] });
    return isNew;
  }

  /** Removes the user record only; deleteUser (user-lifecycle.ts) also drops what hangs off it. */
  delete(name: string): boolean {
    this.onMetadataChange?.("user", name);
    return this.users.delete(name);
  }

  isLoopbackOnly(name: string): boolean {
    return this.loopbackUsers.has(name);
  }

  /** Checks a password login and the loopback rule, saying which failed. */
  login(name: string, password: string, remoteAddress: string | undefined): LoginResult {
    const user = this.users.get(name);
    // a missing user still costs a hash, so timing does not tell which names exist
    const matches = verifyPassword(user?.passwordHash ?? DECOY_HASH, user?.hashingAlgorithm ?? DEFAULT_HASHING_ALGORITHM, password);
    if (user === undefined || !matches) return { ok: false, reason: "refused" };
    if (this.isLoopbackOnly(name) && !isLoopbackAddress(remoteAddress)) return { ok: false, reason: "loopback" };
    return { ok: true, user: { name: user.name, tags: user.tags } };
  }

  /** The user when the password matches and the peer address is allowed for them, else undefined. */
  authenticate(name: string, password: string, remoteAddress: string | undefined): LoginUser | undefined {
    const r = this.login(name, password, remoteAddress);
    return r.ok ? r.user : undefined;
  }
}
