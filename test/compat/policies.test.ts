import { afterAll, beforeAll, describe, it } from "vitest";
import { compare, compareEffect, REAL } from "./harness.js";
import { deleteVhost, enc, FORMATS, freshVhost, headFor, must, read } from "./vpp-helpers.js";

const V = "t-vpp-pol";
const EMPTY = "t-vpp-pol-empty";
const MISSING = "t-vpp-pol-missing";
const KINDS = [
  { set: "set_policy", clear: "clear_policy", list: "list_policies", path: "policies" },
  { set: "set_operator_policy", clear: "clear_operator_policy", list: "list_operator_policies", path: "operator-policies" },
] as const;

describe.skipIf(!REAL)("compat: policies", () => {
  beforeAll(async () => {
    await freshVhost(EMPTY);
  });
  afterAll(async () => {
    for (const v of [V, EMPTY, MISSING]) await deleteVhost(v);
  });

  for (const k of KINDS) {
    const one = (name: string) => `/api/${k.path}/${enc(V)}/${enc(name)}`;
    const all = () => read(`/api/${k.path}/${enc(V)}`);
    const reset = async () => {
      await freshVhost(V);
      await must("PUT", one("p1"), { pattern: "^q\\.", definition: { "max-length": 1, expires: 60000 }, priority: 1, "apply-to": "queues" });
    };

    describe(k.set, () => {
      for (const fmt of FORMATS) {
        it(`new ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "p2", "^d\\.", '{"max-length": 5, "expires": 1000}', ...fmt], reset, all));
        it(`replace, --priority and --apply-to ${fmt.join(" ")}`, () =>
          compareEffect([k.set, "-p", V, "--priority", "-3", "--apply-to", "exchanges", "p1", "^e", '{"max-length": 5}', ...fmt], reset, all));
        it(`unknown key ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "p2", ".*", '{"bogus-key": "<x>&"}', ...fmt], reset, all));
        it(`invalid pattern ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "p2", "(", '{"max-length": 5}', ...fmt], reset, all));
        it(`invalid apply-to ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "--apply-to", "nothing", "p2", ".*", '{"max-length": 5}', ...fmt], reset, all));
        it(`not JSON ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "p2", ".*", "notjson", ...fmt], reset, all));
        it(`not an object ${fmt.join(" ")}`, () => compareEffect([k.set, "-p", V, "p2", ".*", '[1, {"a": null}]', ...fmt], reset, all));
        it(`missing vhost ${fmt.join(" ")}`, () => compare([k.set, "-p", MISSING, "p2", ".*", '{"max-length": 5}', ...fmt]));
      }
      it("empty definition and float values", async () => {
        await compareEffect([k.set, "-p", V, "p2", ".*", "{}"], reset, all);
        await compareEffect([k.set, "-p", V, "p2", ".*", '{"max-length": 5.0}'], reset, all);
      });
      it("usage errors", async () => {
        await compare([k.set, "p", ".*"]);
        await compare([k.set, "p", ".*", "{}", "x"]);
        await compare([k.set, "p", ".*", "{}", "--priority", "1.5"]);
        await compare([k.set, "p", ".*", "{}", "--apply-to"]);
      });
    });

    describe(k.clear, () => {
      for (const fmt of FORMATS) {
        it(`existing ${fmt.join(" ")}`, () => compareEffect([k.clear, "-p", V, "p1", ...fmt], reset, all));
        it(`missing ${fmt.join(" ")}`, () => compareEffect([k.clear, "-p", V, "nosuch", ...fmt], reset, all));
        it(`missing vhost ${fmt.join(" ")}`, () => compare([k.clear, "-p", MISSING, "p1", ...fmt]));
      }
      it("usage errors", async () => {
        await compare([k.clear]);
        await compare([k.clear, "a", "b"]);
      });
    });

    describe(k.list, () => {
      beforeAll(async () => {
        await reset();
        await must("PUT", one("p\tü"), { pattern: "^\"q\\\\", definition: { "max-length": 2 }, priority: -2, "apply-to": "all" });
      });
      for (const fmt of FORMATS) {
        it(`policies ${fmt.join(" ")}`, () => compare([k.list, "-p", V, ...fmt], { head: headFor(fmt) }));
        it(`empty ${fmt.join(" ")}`, () => compare([k.list, "-p", EMPTY, ...fmt]));
        it(`missing vhost ${fmt.join(" ")}`, () => compare([k.list, "-p", MISSING, ...fmt]));
      }
      it("usage error", () => compare([k.list, "x"]));
    });
  }
});
