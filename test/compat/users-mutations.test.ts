// The Users section against the real rabbitmqctl: output, exit code and the resulting user state must match,
// for successes and failures, in the default table formatter, -q, -s, json and csv.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { both, compare, compareEffect, currentMgmt, expectSame, http, mgmtUrls, REAL, type Pair } from "./harness.js";

const U = "t-uac-user";
const NOUSER = "t-uac-nouser";
const PW = "t-uac-pw";
const enc = encodeURIComponent;

interface UserState { tags?: string; limits?: Record<string, number>; password?: string }

async function putUser(name: string, s: UserState): Promise<void> {
  await http("DELETE", `/api/users/${enc(name)}`);
  await http("PUT", `/api/users/${enc(name)}`, { password: s.password ?? PW, tags: s.tags ?? "" });
  for (const [k, v] of Object.entries(s.limits ?? {})) {
    // user-limits writes must not ask for JSON back (406)
    for (const base of mgmtUrls()) {
      await fetch(`${base}/api/user-limits/${enc(name)}/${k}`, {
        method: "PUT",
        headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" },
        body: JSON.stringify({ value: v }),
      });
    }
  }
}
const dropUser = async (name: string): Promise<void> => {
  await http("DELETE", `/api/users/${enc(name)}`);
};

/** Whether a password logs in: the management API says "Login failed" only for wrong credentials. */
async function logsIn(name: string, password: string): Promise<boolean> {
  const r = await fetch(`${currentMgmt()}/api/whoami`, { headers: { authorization: `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}` } });
  const body = (await r.json().catch(() => ({}))) as { reason?: string };
  return r.ok || body.reason === "Not management user";
}

/** The user as the API shows it (the hash is salted, so only whether there is one) and which passwords work. */
const snapshot = (name: string, passwords: string[] = [PW, "t-uac-new"]) => async () => {
  const r = await http("GET", `/api/users/${enc(name)}`);
  if (r.status === 404) return "absent";
  const u = r.body as { tags: unknown; limits: unknown; password_hash: string; hashing_algorithm: string };
  const logins: Record<string, boolean> = {};
  for (const p of passwords) logins[p] = await logsIn(name, p);
  return { tags: u.tags, limits: u.limits, hasHash: u.password_hash !== "", algo: u.hashing_algorithm, logins };
};

const FLAGS = [[], ["-q"], ["-s"], ["--formatter", "json"], ["--formatter", "csv"]];
const label = (args: string[]): string => args.join(" ");

/** rabbitmqctl echoes a password in usage errors; warrenctl redacts it (secretArgs). */
function expectSameRedacted(pair: Pair, secret: string): void {
  pair.ctl.stderr = pair.ctl.stderr.replace(/^\t(.*)$/m, (_l, given: string) => `\t${given.split(" ").map((w) => (w === secret ? "[redacted]" : w)).join(" ")}`);
  expectSame(pair);
}

describe.skipIf(!REAL)("compat: user mutations", () => {
  afterAll(async () => {
    for (const n of [U, NOUSER]) await dropUser(n);
  });

  describe("add_user", () => {
    for (const f of [...FLAGS, ["-q", "--formatter", "csv"], ["-s", "--formatter", "json"], ["--dry-run"]]) {
      it(`new user ${label(f)}`, () => compareEffect(["add_user", U, PW, ...f], () => dropUser(U), snapshot(U)).then(() => undefined));
    }
    for (const f of FLAGS) {
      it(`existing user ${label(f)}`, () => compareEffect(["add_user", U, "t-uac-new", ...f], () => putUser(U, { tags: "management" }), snapshot(U)).then(() => undefined));
    }
    const stdins: [string, string][] = [["password line", `${PW}\n`], ["spaces trimmed, first line only", `  ${PW} \nsecond\n`], ["empty line", "\n"], ["no input", ""]];
    for (const [what, stdin] of stdins) {
      for (const f of [[], ["-q"], ["--formatter", "json"]]) {
        it(`password from stdin: ${what} ${label(f)}`, () =>
          compareEffect(["add_user", U, ...f], () => dropUser(U), snapshot(U, [PW, ""]), { stdin }).then(() => undefined));
      }
    }
    it("not enough arguments", () => compare(["add_user"]).then(() => undefined));
    it("too many arguments (the password is redacted)", async () => expectSameRedacted(await both(["add_user", U, PW, "x"]), PW));
    it("empty user name with a password: usage error, exit 65", async () => expectSameRedacted(await both(["add_user", "", PW, "--formatter", "json"]), PW));
  });

  describe("delete_user", () => {
    for (const f of FLAGS) {
      it(`existing ${label(f)}`, () => compareEffect(["delete_user", U, ...f], () => putUser(U, {}), snapshot(U)).then(() => undefined));
      it(`missing ${label(f)}`, () => compareEffect(["delete_user", NOUSER, ...f], () => dropUser(NOUSER), snapshot(NOUSER)).then(() => undefined));
    }
    it("arity", () => compare(["delete_user", "a", "b"]).then(() => undefined));
  });

  describe("change_password / clear_password / set_user_tags keep the rest of the user", () => {
    const reset = () => putUser(U, { tags: "management,a b", limits: { "max-channels": 3 } });
    for (const f of FLAGS) {
      it(`change_password ${label(f)}`, () => compareEffect(["change_password", U, "t-uac-new", ...f], reset, snapshot(U)).then(() => undefined));
      it(`change_password missing user ${label(f)}`, () => compareEffect(["change_password", NOUSER, "x", ...f], () => dropUser(NOUSER), snapshot(NOUSER)).then(() => undefined));
      it(`clear_password ${label(f)}`, () => compareEffect(["clear_password", U, ...f], reset, snapshot(U)).then(() => undefined));
      it(`clear_password missing user ${label(f)}`, () => compareEffect(["clear_password", NOUSER, ...f], () => dropUser(NOUSER), snapshot(NOUSER)).then(() => undefined));
      it(`set_user_tags ${label(f)}`, () => compareEffect(["set_user_tags", U, "administrator", "a,b", "c d", ...f], reset, snapshot(U)).then(() => undefined));
      it(`set_user_tags missing user ${label(f)}`, () => compareEffect(["set_user_tags", NOUSER, "x", ...f], () => dropUser(NOUSER), snapshot(NOUSER)).then(() => undefined));
    }
    it("set_user_tags with no tags clears them", () => compareEffect(["set_user_tags", U], reset, snapshot(U)).then(() => undefined));
    it("change_password from stdin", () => compareEffect(["change_password", U], reset, snapshot(U), { stdin: "t-uac-new\n" }).then(() => undefined));
    it("change_password with nothing on stdin (70)", () => compareEffect(["change_password", U], reset, snapshot(U), { stdin: "" }).then(() => undefined));
    it("change_password too many arguments (redacted)", async () => expectSameRedacted(await both(["change_password", U, "t-uac-new", "x"]), "t-uac-new"));
    it("set_user_tags arity", () => compare(["set_user_tags"]).then(() => undefined));
    it("clear_password arity", () => compare(["clear_password", "a", "b"]).then(() => undefined));
  });

  describe("authenticate_user", () => {
    beforeAll(async () => {
      await putUser(U, {});
    });
    for (const f of FLAGS) {
      it(`right password ${label(f)}`, () => compare(["authenticate_user", U, PW, ...f]).then(() => undefined));
      it(`wrong password ${label(f)}`, () => compare(["authenticate_user", U, "wrong", ...f]).then(() => undefined));
      it(`blank password ${label(f)}`, () => compare(["authenticate_user", U, "", ...f]).then(() => undefined));
      it(`missing user ${label(f)}`, () => compare(["authenticate_user", NOUSER, "x", ...f]).then(() => undefined));
    }
    it("password from stdin", () => compare(["authenticate_user", U], { stdin: `${PW}\n` }).then(() => undefined));
    it("password from stdin, -q", () => compare(["authenticate_user", U, "-q"], { stdin: `${PW}\n` }).then(() => undefined));
    it("nothing on stdin (70)", () => compare(["authenticate_user", U], { stdin: "" }).then(() => undefined));
    it("a management user", async () => {
      await putUser(U, { tags: "management" });
      await compare(["authenticate_user", U, PW]);
    });
    it("too many arguments (redacted)", async () => expectSameRedacted(await both(["authenticate_user", U, PW, "x"]), PW));
  });

  describe("user limits", () => {
    const reset = () => putUser(U, { limits: { "max-channels": 3 } });
    const limits = async () => (await http("GET", `/api/users/${enc(U)}`)).body;
    const snap = async () => ((await http("GET", `/api/users/${enc(U)}`)).body as { limits?: unknown } | undefined)?.limits ?? "absent";
    for (const f of FLAGS) {
      it(`set_user_limits ${label(f)}`, () => compareEffect(["set_user_limits", U, '{"max-connections":5}', ...f], reset, snap).then(() => undefined));
      it(`set_user_limits missing user ${label(f)}`, () => compareEffect(["set_user_limits", NOUSER, '{"max-connections":5}', ...f], () => dropUser(NOUSER), snap).then(() => undefined));
      it(`clear_user_limits all ${label(f)}`, () => compareEffect(["clear_user_limits", U, "all", ...f], reset, snap).then(() => undefined));
      it(`clear_user_limits missing user ${label(f)}`, () => compareEffect(["clear_user_limits", NOUSER, "max-channels", ...f], () => dropUser(NOUSER), snap).then(() => undefined));
    }
    const defs = [
      '{"max-connections":4,"max-channels":11}', "{}", '{"max-connections":-1}', "{bad", '{"other":2,"bogus":1}',
      '{"max-connections":"x","bogus":1}', '{"max-connections":1.0}', '{"max-connections":null}', '{"max-channels":"ü"}',
      '"str"', "[]", "[1]",
    ];
    for (const d of defs) it(`set_user_limits ${d}`, () => compareEffect(["set_user_limits", U, d, "-q"], reset, snap).then(() => undefined));
    for (const t of ["max-channels", "max-connections", "bogus"]) {
      it(`clear_user_limits ${t}`, () => compareEffect(["clear_user_limits", U, t], reset, snap).then(() => undefined));
    }
    it("clear_user_limits arity", () => compare(["clear_user_limits", U]).then(() => undefined));

    describe("list_user_limits", () => {
      beforeAll(async () => {
        await putUser(U, { limits: { "max-channels": 3, "max-connections": 7 } });
      });
      for (const f of [...FLAGS, ["--no-table-headers"]]) {
        it(`--user ${label(f)}`, () => compare(["list_user_limits", "--user", U, ...f]).then(() => undefined));
        it(`default user (guest) ${label(f)}`, () => compare(["list_user_limits", ...f]).then(() => undefined));
        it(`missing user ${label(f)}`, () => compare(["list_user_limits", "--user", NOUSER, ...f]).then(() => undefined));
      }
      // other users on the node may have limits too: compare our row only
      const frame = ["Listing limits for all users ...", "user\tlimits", '"user","limits"', "[", "]", ""];
      const ours = (out: string) => out.split("\n").filter((l) => l.includes(U) || frame.includes(l)).map((l) => l.replace(/^,/, "")).join("\n");
      for (const f of [[], ["-s"], ["--formatter", "json"], ["--formatter", "csv"]]) {
        it(`--global ${label(f)}`, () => compare(["list_user_limits", "--global", ...f], { mask: ours }).then(() => undefined));
      }
      it("arity", () => compare(["list_user_limits", "extra"]).then(() => undefined));
      it("state untouched", async () => expect(await limits()).toMatchObject({ limits: { "max-channels": 3, "max-connections": 7 } }));
    });
  });
});
