import { timingSafeEqual } from "node:crypto";

export interface UserSpec {
  readonly name: string;
  readonly password: string;
  readonly tags?: readonly string[];
  /** RabbitMQ's loopback_users: such a user may log in only over a loopback address (guest by default). */
  readonly loopbackOnly?: boolean;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** In-memory users until the metadata store lands; passwords compared in constant time. */
export class UserStore {
  private readonly users = new Map<string, UserSpec>();

  constructor(users: readonly UserSpec[] = [{ name: "guest", password: "guest", tags: ["administrator"], loopbackOnly: true }]) {
    for (const u of users) this.users.set(u.name, u);
  }

  names(): string[] {
    return [...this.users.keys()];
  }

  /** The user when the password matches and the peer address is allowed for them, else undefined. */
  authenticate(name: string, password: string, remoteAddress: string | undefined): UserSpec | undefined {
    const user = this.users.get(name);
    if (user === undefined) return undefined;
    const a = Buffer.from(user.password);
    const b = Buffer.from(password);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    if (user.loopbackOnly === true && !LOOPBACK.test(remoteAddress ?? "")) return undefined;
    return user;
  }
}
