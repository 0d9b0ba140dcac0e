import { afterAll, beforeAll, describe, it } from "vitest";
import { compare, compareEffect, http, REAL } from "./harness.js";
import { deleteVhost, enc, FORMATS, freshVhost, headFor, must, read } from "./vpp-helpers.js";

const V = "t-vpp-par";
const EMPTY = "t-vpp-par-empty";
const MISSING = "t-vpp-par-missing";
const G = "t-vpp-glob";
const param = (component: string, name: string, v = V) => `/api/parameters/${component}/${enc(v)}/${enc(name)}`;
const OP = { pattern: "^x", definition: { "max-length": 3 }, priority: 0, "apply-to": "all" };

/** Every parameter of the test vhost, as the API lists them. */
const vhostParams = async () => ((await http("GET", "/api/parameters")).body as { vhost: string }[]).filter((p) => p.vhost === V);

/** A vhost-limits parameter not named "limits" makes deleting its vhost fail (500): remove it first. */
const dropOddLimits = () => http("DELETE", param("vhost-limits", "other"));

async function resetVhost(): Promise<void> {
  await dropOddLimits();
  await freshVhost(V);
  await must("PUT", param("vhost-limits", "limits"), { value: { "max-queues": 7 } });
  await must("PUT", `/api/operator-policies/${enc(V)}/op1`, OP);
  await must("PUT", `/api/policies/${enc(V)}/pol1`, OP);
}

describe.skipIf(!REAL)("compat: parameters", () => {
  beforeAll(async () => {
    await freshVhost(EMPTY);
  });
  afterAll(async () => {
    await dropOddLimits();
    for (const v of [V, EMPTY, MISSING]) await deleteVhost(v);
    for (const g of [G, `${G}-2`]) await must("DELETE", `/api/global-parameters/${enc(g)}`);
  });

  describe("set_parameter", () => {
    for (const fmt of FORMATS) {
      it(`vhost-limits ${fmt.join(" ")}`, () => compareEffect(["set_parameter", "-p", V, "vhost-limits", "limits", '{"max-queues": 9}', ...fmt], resetVhost, vhostParams));
      it(`operator_policy ${fmt.join(" ")}`, () =>
        compareEffect(["set_parameter", "-p", V, "operator_policy", "op2", JSON.stringify(OP), ...fmt], resetVhost, vhostParams));
      it(`unknown component ${fmt.join(" ")}`, () =>
        compareEffect(["set_parameter", "-p", V, "federation-upstream", "up1", '{"uri":"amqp://x"}', ...fmt], resetVhost, vhostParams));
      it(`invalid value ${fmt.join(" ")}`, () => compareEffect(["set_parameter", "-p", V, "vhost-limits", "limits", '"s"', ...fmt], resetVhost, vhostParams));
      it(`not JSON ${fmt.join(" ")}`, () => compareEffect(["set_parameter", "-p", V, "vhost-limits", "limits", "notjson", ...fmt], resetVhost, vhostParams));
      it(`policy component refused ${fmt.join(" ")}`, () =>
        compareEffect(["set_parameter", "-p", V, "policy", "pol2", JSON.stringify(OP), ...fmt], resetVhost, vhostParams));
      it(`missing vhost ${fmt.join(" ")}`, () => compare(["set_parameter", "-p", MISSING, "vhost-limits", "limits", '{"max-queues": 9}', ...fmt]));
    }
    it("vhost-limits under another name: stored, then the node's crash reported", () =>
      compareEffect(["set_parameter", "-p", V, "vhost-limits", "other", '{"max-queues": 9, "max-connections": 2}'], resetVhost, vhostParams));
    it("usage errors", async () => {
      await compare(["set_parameter", "a", "b"]);
      await compare(["set_parameter", "a", "b", "c", "d"]);
    });
  });

  describe("clear_parameter", () => {
    for (const fmt of FORMATS) {
      it(`existing ${fmt.join(" ")}`, () => compareEffect(["clear_parameter", "-p", V, "vhost-limits", "limits", ...fmt], resetVhost, vhostParams));
      it(`operator_policy ${fmt.join(" ")}`, () => compareEffect(["clear_parameter", "-p", V, "operator_policy", "op1", ...fmt], resetVhost, vhostParams));
      it(`missing ${fmt.join(" ")}`, () => compareEffect(["clear_parameter", "-p", V, "vhost-limits", "nosuch", ...fmt], resetVhost, vhostParams));
      it(`policy component refused ${fmt.join(" ")}`, () => compareEffect(["clear_parameter", "-p", V, "policy", "pol1", ...fmt], resetVhost, vhostParams));
      it(`missing vhost ${fmt.join(" ")}`, () => compare(["clear_parameter", "-p", MISSING, "vhost-limits", "limits", ...fmt]));
    }
    it("vhost-limits under another name: removed, then the node's crash reported", () =>
      compareEffect(["clear_parameter", "-p", V, "vhost-limits", "other"], async () => {
        await resetVhost();
        await http("PUT", param("vhost-limits", "other"), { value: { "max-queues": 1 } });
      }, vhostParams));
    it("usage errors", async () => {
      await compare(["clear_parameter", "a"]);
      await compare(["clear_parameter", "a", "b", "c"]);
    });
  });

  describe("list_parameters", () => {
    beforeAll(resetVhost);
    for (const fmt of FORMATS) {
      it(`limits and operator policies ${fmt.join(" ")}`, () => compare(["list_parameters", "-p", V, ...fmt], { head: headFor(fmt) }));
      it(`empty ${fmt.join(" ")}`, () => compare(["list_parameters", "-p", EMPTY, ...fmt]));
      it(`missing vhost ${fmt.join(" ")}`, () => compare(["list_parameters", "-p", MISSING, ...fmt]));
    }
    it("usage error", () => compare(["list_parameters", "x"]));
  });

  describe("global parameters", () => {
    const absent = () => must("DELETE", `/api/global-parameters/${enc(G)}`);
    const present = () => must("PUT", `/api/global-parameters/${enc(G)}`, { value: { k: [1, 2, "x"] } });
    const state = () => read(`/api/global-parameters/${enc(G)}`);
    for (const fmt of FORMATS) {
      it(`set ${fmt.join(" ")}`, () => compareEffect(["set_global_parameter", G, '{"k": [1, 2, "x"], "f": 1.0, "big": 12345678901234567890}', ...fmt], absent, state));
      it(`set a string ${fmt.join(" ")}`, () => compareEffect(["set_global_parameter", G, '"str"', ...fmt], present, state));
      it(`set, not JSON ${fmt.join(" ")}`, () => compareEffect(["set_global_parameter", G, "notjson", ...fmt], absent, state));
      it(`clear ${fmt.join(" ")}`, () => compareEffect(["clear_global_parameter", G, ...fmt], present, state));
      it(`clear, missing ${fmt.join(" ")}`, () => compareEffect(["clear_global_parameter", G, ...fmt], absent, state));
      it(`list ${fmt.join(" ")}`, async () => {
        await must("PUT", `/api/global-parameters/${enc(G)}`, { value: "s" });
        await http("PUT", `/api/global-parameters/${enc(`${G}-2`)}`, { value: null });
        await compare(["list_global_parameters", ...fmt], { head: headFor(fmt) });
      });
    }
    it("a value the node keeps as written (1.0, 1.0e3, 2^64)", async () => {
      await compareEffect(["set_global_parameter", G, '{"c": 1.0, "d": 1e3, "f": 12345678901234567890}'], absent, state);
      await compare(["list_global_parameters", "--formatter", "json"], { head: 1 });
    });
    it("usage errors", async () => {
      await compare(["set_global_parameter", "x"]);
      await compare(["clear_global_parameter"]);
      await compare(["list_global_parameters", "x"]);
    });
  });
});
