// The Access Control section against the real rabbitmqctl: listings read-only, set/clear with the resulting
// permissions compared, for successes and failures in the table default, -q, -s, json and csv.
import { afterAll, beforeAll, describe, it } from "vitest";
import { compare, compareEffect, http, REAL } from "./harness.js";

const V = "t-uac-vh";
const V_EMPTY = "t-uac-vh-empty";
const NOVHOST = "t-uac-novhost";
const U = "t-uac-acl";
const U_BARE = "t-uac-acl-bare";
const NOUSER = "t-uac-nouser";
const enc = encodeURIComponent;

async function must(method: string, path: string, body?: unknown): Promise<void> {
  const r = await http(method, path, body);
  if (r.status >= 300 && !(method === "DELETE" && r.status === 404)) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
}

async function removeState(): Promise<void> {
  for (const v of [V, V_EMPTY, NOVHOST]) await must("DELETE", `/api/vhosts/${enc(v)}`);
  for (const u of [U, U_BARE, NOUSER]) await must("DELETE", `/api/users/${enc(u)}`);
}

/** Two vhosts (one with no permissions at all), a user with permissions and topic permissions, one with none. */
async function buildState(): Promise<void> {
  await removeState();
  await must("PUT", `/api/vhosts/${enc(V)}`, { description: "t-uac ü", tags: "qa,prod" });
  await must("PUT", `/api/vhosts/${enc(V_EMPTY)}`, {});
  // creating a vhost over HTTP grants its creator full permissions there
  await must("DELETE", `/api/permissions/${enc(V_EMPTY)}/guest`);
  await must("DELETE", `/api/permissions/${enc(V)}/guest`);
  await must("PUT", `/api/users/${enc(U)}`, { password: "pw", tags: "" });
  await must("PUT", `/api/users/${enc(U_BARE)}`, { password: "pw", tags: "" });
  await must("PUT", `/api/permissions/${enc(V)}/${enc(U)}`, { configure: "^amq\\.", write: "", read: ".*" });
  await must("PUT", `/api/topic-permissions/${enc(V)}/${enc(U)}`, { exchange: "amq.topic", write: "^a", read: ".*" });
  await must("PUT", `/api/topic-permissions/${enc(V)}/${enc(U)}`, { exchange: "x2", write: "", read: "b" });
}

/** What the user may do, everywhere. */
async function permissions(): Promise<unknown> {
  const sort = (x: unknown) => (Array.isArray(x) ? [...x].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : x);
  return {
    perms: sort((await http("GET", `/api/users/${enc(U)}/permissions`)).body),
    topic: sort((await http("GET", `/api/users/${enc(U)}/topic-permissions`)).body),
  };
}

const FLAGS = [[], ["-q"], ["-s"], ["--formatter", "json"], ["--formatter", "csv"]];
const label = (args: string[]): string => args.join(" ");
// lines kept in place before the rows compared as a set: banner and header as each flag prints them
const HEAD: Record<string, number> = { "": 2, "-q": 1, "-s": 0, "--formatter json": 1, "--formatter csv": 1, "--no-table-headers": 1 };
const TOPIC_HEAD: Record<string, number> = { ...HEAD, "": 1, "-q": 0 };

describe.skipIf(!REAL)("compat: access control", () => {
  beforeAll(buildState);
  afterAll(removeState);

  describe("listings", () => {
    for (const f of [...FLAGS, ["--no-table-headers"]]) {
      const head = HEAD[label(f)] ?? 0;
      it(`list_permissions ${label(f)}`, () => compare(["list_permissions", "-p", V, ...f], { head }).then(() => undefined));
      it(`list_permissions, no permissions ${label(f)}`, () => compare(["list_permissions", "-p", V_EMPTY, ...f]).then(() => undefined));
      it(`list_permissions, missing vhost ${label(f)}`, () => compare(["list_permissions", "-p", NOVHOST, ...f]).then(() => undefined));
      it(`list_topic_permissions ${label(f)}`, () => compare(["list_topic_permissions", "-p", V, ...f], { head }).then(() => undefined));
      it(`list_topic_permissions, none ${label(f)}`, () => compare(["list_topic_permissions", "-p", V_EMPTY, ...f]).then(() => undefined));
      it(`list_topic_permissions, missing vhost ${label(f)}`, () => compare(["list_topic_permissions", "-p", NOVHOST, ...f]).then(() => undefined));
      it(`list_user_permissions ${label(f)}`, () => compare(["list_user_permissions", U, ...f], { head }).then(() => undefined));
      it(`list_user_permissions, none ${label(f)}`, () => compare(["list_user_permissions", U_BARE, ...f]).then(() => undefined));
      it(`list_user_permissions, missing user ${label(f)}`, () => compare(["list_user_permissions", NOUSER, ...f]).then(() => undefined));
      // rabbitmqctl prints no header row here unless --table-headers is given
      it(`list_user_topic_permissions ${label(f)}`, () => compare(["list_user_topic_permissions", U, ...f], { head: TOPIC_HEAD[label(f)] ?? 0 }).then(() => undefined));
      it(`list_user_topic_permissions, none ${label(f)}`, () => compare(["list_user_topic_permissions", U_BARE, ...f]).then(() => undefined));
      it(`list_user_topic_permissions, missing user ${label(f)}`, () => compare(["list_user_topic_permissions", NOUSER, ...f]).then(() => undefined));
    }
    it("list_user_topic_permissions --table-headers", () => compare(["list_user_topic_permissions", U, "--table-headers"], { head: 2 }).then(() => undefined));
    it("list_user_topic_permissions --pad-to-header", () => compare(["list_user_topic_permissions", U, "--pad-to-header"], { head: 1 }).then(() => undefined));
    it("list_permissions without -p lists vhost /", () => compare(["list_permissions"], { head: 2 }).then(() => undefined));
    for (const bad of [["list_permissions", "extra"], ["list_user_permissions"], ["list_user_topic_permissions", "a", "b"], ["list_topic_permissions", "--bogus"]]) {
      it(label(bad), () => compare(bad).then(() => undefined));
    }
  });

  describe("list_vhosts", () => {
    // other suites create vhosts on the same node meanwhile: compare the frame and our vhosts only
    const frame = ["Listing vhosts ...", "[", "]", ""];
    const isHeader = (l: string) => /^"?name"?(\t|,|$)/.test(l);
    const ours = (out: string) =>
      out.split("\n").map((l) => l.replace(/^,/, "")).filter((l) => frame.includes(l) || l.includes("t-uac-vh") || isHeader(l)).sort().join("\n");
    const cols = ["name", "description", "tags", "tracing", "cluster_state", "default_queue_type"];
    for (const f of [...FLAGS, ["--no-table-headers"], ["--pad-to-header"]]) {
      it(`default column ${label(f)}`, () => compare(["list_vhosts", ...f], { mask: ours }).then(() => undefined));
      it(`every column ${label(f)}`, () => compare(["list_vhosts", ...cols, ...f], { mask: ours }).then(() => undefined));
    }
    it("comma-separated and repeated columns", () => compare(["list_vhosts", "name,tracing", "name", "--formatter", "json"], { mask: ours }).then(() => undefined));
    it("unknown columns", () => compare(["list_vhosts", "name,zz", "bogus"]).then(() => undefined));
  });

  describe("set_permissions / clear_permissions", () => {
    const effect = (args: string[]) => compareEffect(args, buildState, permissions).then(() => undefined);
    for (const f of FLAGS) {
      it(`set ${label(f)}`, () => effect(["set_permissions", "-p", V, U, "^t-uac", ".*", "", ...f]));
      it(`set, missing vhost ${label(f)}`, () => effect(["set_permissions", "-p", NOVHOST, U, ".*", ".*", ".*", ...f]));
      it(`set, missing user ${label(f)}`, () => effect(["set_permissions", "-p", V, NOUSER, ".*", ".*", ".*", ...f]));
      it(`set, both missing ${label(f)}`, () => effect(["set_permissions", "-p", NOVHOST, NOUSER, ".*", ".*", ".*", ...f]));
      it(`set, invalid regexp ${label(f)}`, () => effect(["set_permissions", "-p", V, U, ".*", "[", "(", ...f]));
      it(`clear ${label(f)}`, () => effect(["clear_permissions", "-p", V, U, ...f]));
      it(`clear, none set ${label(f)}`, () => effect(["clear_permissions", "-p", V_EMPTY, U, ...f]));
      it(`clear, missing vhost ${label(f)}`, () => effect(["clear_permissions", "-p", NOVHOST, U, ...f]));
      it(`clear, missing user ${label(f)}`, () => effect(["clear_permissions", "-p", V, NOUSER, ...f]));
    }
    it("set, non-ASCII invalid regexp", () => effect(["set_permissions", "-p", V, U, "ü(", ".*", ".*"]));
    it("set, quote in an invalid regexp", () => effect(["set_permissions", "-p", V, U, "a'b(", ".*", ".*", "-q"]));
    it("set on / by default", () => effect(["set_permissions", U, "^x", "^y", "^z"]));
    it("set arity", () => compare(["set_permissions", "-p", V, U, "a", "b"]).then(() => undefined));
    it("clear arity", () => compare(["clear_permissions", "a", "b"]).then(() => undefined));
  });

  describe("set_topic_permissions / clear_topic_permissions", () => {
    const effect = (args: string[]) => compareEffect(args, buildState, permissions).then(() => undefined);
    for (const f of FLAGS) {
      it(`set ${label(f)}`, () => effect(["set_topic_permissions", "-p", V, U, "amq.topic", "^t-uac", ".*", ...f]));
      it(`set, new exchange ${label(f)}`, () => effect(["set_topic_permissions", "-p", V, U, "t-uac-x", "", ".*", ...f]));
      it(`set, missing vhost ${label(f)}`, () => effect(["set_topic_permissions", "-p", NOVHOST, U, "amq.topic", ".*", ".*", ...f]));
      it(`set, missing user ${label(f)}`, () => effect(["set_topic_permissions", "-p", V, NOUSER, "amq.topic", ".*", ".*", ...f]));
      it(`set, invalid regexp ${label(f)}`, () => effect(["set_topic_permissions", "-p", V, U, "amq.topic", ".*", "(", ...f]));
      it(`clear all ${label(f)}`, () => effect(["clear_topic_permissions", "-p", V, U, ...f]));
      it(`clear one exchange ${label(f)}`, () => effect(["clear_topic_permissions", "-p", V, U, "x2", ...f]));
      it(`clear, exchange without permissions ${label(f)}`, () => effect(["clear_topic_permissions", "-p", V, U, "t-uac-none", ...f]));
      it(`clear, missing vhost ${label(f)}`, () => effect(["clear_topic_permissions", "-p", NOVHOST, U, "amq.topic", ...f]));
      it(`clear, missing user ${label(f)}`, () => effect(["clear_topic_permissions", "-p", V, NOUSER, ...f]));
    }
    it("set, non-ASCII invalid regexp", () => effect(["set_topic_permissions", "-p", V, U, "amq.topic", "ü(", ".*"]));
    it("set arity", () => compare(["set_topic_permissions", U, "amq.topic", "w"]).then(() => undefined));
    it("clear arity", () => compare(["clear_topic_permissions", "a", "b", "c"]).then(() => undefined));
  });
});
