// Policy definitions checked as RabbitMQ 3.10.8 checks them; every text below was answered by a live 3.10.8 node.
import { describe, expect, it } from "vitest";
import { definitionProblem } from "../../../src/broker/policy/definition-keys.js";
import { NodeCrash } from "../../../src/broker/parameters/validation.js";
import { sortedEntries } from "../../../src/broker/parameters/json.js";
import { policyProblems } from "../../../src/broker/policy/policy.js";

const problem = (def: Record<string, unknown>, kind: "policy" | "operator_policy" = "policy") => definitionProblem(sortedEntries(def), kind);

describe("definitionProblem", () => {
  it.each<[Record<string, unknown>, string]>([
    [{ "max-length": "x" }, '<<"x">> is not a valid maximum length'],
    [{ "max-length": -1 }, "-1 is not a valid maximum length"],
    [{ "max-length": "x", "message-ttl": -1 }, '<<"x">> is not a valid maximum length'],
    [{ "ha-mode": "bogus", "max-length": -1 }, "-1 is not a valid maximum length"],
    [{ "queue-master-locator": "bogus", "max-length": -1 }, '<<"bogus">> invalid queue-master-locator value'],
    [{ "queue-master-locator": 1 }, "1 invalid queue-master-locator value"],
    [{ "ha-mode": "all", "ha-params": 1 }, 'ha-mode="all" does not take parameters'],
    [{ "ha-mode": "exactly" }, 'ha-mode="exactly" takes an integer, none given'],
    [{ "ha-mode": "exactly", "ha-params": 0 }, 'ha-mode="exactly" takes an integer, 0 given'],
    [{ "ha-params": 1 }, "ha-mode must be specified to specify ha-params, ha-sync-mode or ha-promote-on-shutdown"],
    [{ "ha-mode": "nodes", "ha-params": [] }, 'ha-mode="nodes" list must be non-empty'],
    [{ "ha-mode": "nodes", "ha-params": ["a", 1, 2] }, 'ha-mode="nodes" takes a list of strings, [1,2] was not a string'],
    [{ "ha-mode": "nodes", "ha-params": "x" }, 'ha-mode="nodes" takes a list, <<"x">> given'],
    [{ "ha-mode": "all", "ha-sync-mode": "x" }, 'ha-sync-mode must be "manual" or "automatic", got <<"x">>'],
    [{ "ha-mode": "all", "ha-sync-batch-size": 0 }, "ha-sync-batch-size takes an integer greater than 0, 0 given"],
    [{ "ha-mode": "all", "ha-promote-on-shutdown": "x" }, 'ha-promote-on-shutdown must be "always" or "when-synced", got <<"x">>'],
    [{ "ha-mode": "all", "ha-promote-on-failure": 1 }, 'ha-promote-on-failure must be "always" or "when-synced", got 1'],
    [{ "max-age": "0D" }, '<<"0D">> is not a valid max age'],
    [{ "max-age": "5X" }, '<<"5X">> is not a valid max age'],
    [{ "queue-version": 3 }, "3 is not a valid queue-version value"],
    [{ "queue-version": "1" }, '<<"1">> is not a valid queue-version value'],
    [{ "dead-letter-strategy": "x" }, '<<"x">> is not a valid dead letter strategy'],
    [{ expires: 0 }, "0 is not a valid queue expiry"],
    [{ "message-ttl": 1.5 }, "1.5 is not a valid message TTL"],
    [{ "initial-cluster-size": -1 }, "-1 is not a valid cluster size"],
    [{ "max-in-memory-length": -1 }, "-1 is not a valid maximum memory in bytes"],
    [{ "delivery-limit": -1 }, "-1 is not a valid delivery limit"],
    [{ "queue-mode": "x" }, '<<"x">> is not a valid queue-mode value'],
    [{ overflow: "x" }, '<<"x">> is not a valid overflow value'],
    [{ "alternate-exchange": 5 }, "5 is not a valid alternate exchange name"],
    [{ "dead-letter-exchange": 1 }, "1 is not a valid dead letter exchange name"],
    [{ "dead-letter-routing-key": 1 }, "1 is not a valid dead letter routing key"],
    [{ "federation-upstream": "x" }, '[{<<"federation-upstream">>,<<"x">>}] are not recognised policy settings'],
    [{ "bogus-key": 1, other: "x", "max-length": 1 }, '[{<<"bogus-key">>,1},{<<"other">>,<<"x">>}] are not recognised policy settings'],
  ])("%j: %s", (def, text) => {
    expect(problem(def)).toBe(text);
  });

  it("accepts what 3.10.8 accepts", () => {
    for (const def of [{ "ha-mode": "all" }, { "queue-master-locator": "min-masters" }, { "stream-max-segment-size-bytes": 3_000_000_000 }, { "queue-leader-locator": "balanced" }, { "max-age": "1D", "queue-version": 2 }]) {
      expect(problem(def), JSON.stringify(def)).toBeUndefined();
    }
  });

  it("lets operator policies hold only the limits", () => {
    expect(problem({ "max-length": 1, "alternate-exchange": "x" }, "operator_policy")).toBe('[{<<"alternate-exchange">>,<<"x">>}] are not recognised policy settings');
    expect(problem({ "max-length": 1, expires: 5, "delivery-limit": 2 }, "operator_policy")).toBeUndefined();
  });

  it("crashes where RabbitMQ's node crashes (the API answers 500)", () => {
    expect(() => problem({ "max-age": 5 })).toThrow(NodeCrash);
    expect(() => problem({ "max-age": "D" })).toThrow(NodeCrash);
    expect(() => problem({ "ha-mode": 5 })).toThrow(NodeCrash);
  });
});

describe("policyProblems", () => {
  it("reports every failed key in RabbitMQ's order: unknown entries, then definition, apply-to, pattern, priority", () => {
    expect(policyProblems("policy", "p", { pattern: 5, definition: { bogus: 1 }, priority: "x", "apply-to": "nope" })).toEqual([
      '[{<<"bogus">>,1}] are not recognised policy settings',
      "apply-to 'nope' unrecognised; should be 'queues', 'exchanges' or 'all'",
      "pattern should be a binary but was 5",
      'priority should be a number, actually was <<"x">>',
    ]);
    expect(policyProblems("operator_policy", "op", { pattern: "^z", definition: { "max-length": 1 }, priority: 0, x: 1 })).toEqual(['Unrecognised terms [{<<"x">>,1}] in op']);
    expect(policyProblems("operator_policy", "op", { definition: [1, 2], pattern: "^z", priority: 0 })).toEqual(["definition must be a dictionary: [1,2]"]);
    expect(policyProblems("policy", "p", { pattern: "(", definition: { "max-length": 1 }, priority: 0 })).toEqual(['pattern should be regular expression but is invalid: {"missing )",1}']);
  });
});
