import { afterAll, beforeAll, describe, it } from "vitest";
import { compare, REAL } from "./harness.js";
import { buildState, type Fixture } from "./fixture.js";

describe.skipIf(!REAL)("compat: list_users", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildState();
  });
  afterAll(async () => fx?.close());

  for (const extra of [[], ["-q"], ["-s"], ["--no-table-headers"], ["--pad-to-header"]]) {
    it(`list_users ${extra.join(" ")}`, () => compare(["list_users", ...extra], { head: extra.length ? (extra[0] === "-q" || extra[0] === "--no-table-headers" ? 1 : 0) : 2 }).then(() => undefined));
  }
  it("list_users --formatter json", () => compare(["list_users", "--formatter", "json"], { head: 1 }).then(() => undefined));
  it("list_users --formatter csv", () => compare(["list_users", "--formatter", "csv"], { head: 1 }).then(() => undefined));
  it("list_users extra (too many arguments)", () => compare(["list_users", "extra"]).then(() => undefined));
  it("list_users with unknown options", () => compare(["list_users", "--bogus=1", "-x"]).then(() => undefined));
});
