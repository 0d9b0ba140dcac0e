// Policies applied to a vhost's queues and exchanges as RabbitMQ applies them: at once, by priority, by kind and queue type.
import { describe, expect, it } from "vitest";
import { clearAny, ParameterRejected, setAny, setParameter } from "../../../src/broker/parameters/components.js";
import { policyValue } from "../../../src/broker/policy/policy.js";
import { toFieldTable } from "../../../src/protocol/index.js";
import { effectiveArgument } from "../../../src/broker/queue/effective-args.js";
import { declareExchange } from "../../../src/broker/vhost/declare-exchange.js";
import { declareQueue } from "../../../src/broker/vhost/declare-queue.js";
import { Vhost } from "../../../src/broker/vhost/vhost.js";

const queue = (v: Vhost, name: string, args: Record<string, unknown> = {}) =>
  declareQueue(v, undefined, { name, durable: false, autoDelete: false, exclusive: false, arguments: toFieldTable(args) }).queue;
const exchange = (v: Vhost, name: string, args: Record<string, unknown> = {}) =>
  declareExchange(v, { name, type: "direct", durable: false, autoDelete: false, internal: false, arguments: toFieldTable(args) }).exchange;
const policy = (v: Vhost, name: string, pattern: string, definition: Record<string, unknown>, priority?: number, applyTo?: string, kind = "policy") =>
  setAny(v, kind, name, policyValue(pattern, definition, priority, applyTo));

describe("applying policies", () => {
  it("sets the policy on existing and new queues and exchanges, and clears it when deleted", () => {
    const v = new Vhost("v");
    const old = queue(v, "q-old");
    const x = exchange(v, "q-x");
    policy(v, "p", "^q-", { "max-length": 3 });
    expect(old.policy?.name).toBe("p");
    expect(x.policy?.name).toBe("p");
    expect(queue(v, "q-new").policy?.name).toBe("p");
    expect(queue(v, "other").policy).toBeUndefined();
    clearAny(v, "policy", "p");
    expect(old.policy).toBeUndefined();
    expect(x.policy).toBeUndefined();
  });

  it("picks the highest priority; on a tie the policy set first", () => {
    const v = new Vhost("v");
    const q = queue(v, "q");
    policy(v, "low", "^q", { "max-length": 1 }, 1);
    policy(v, "high", "^q", { "max-length": 2 }, 5);
    expect(q.policy?.name).toBe("high");
    policy(v, "tie", "^q", { "max-length": 3 }, 5);
    expect(q.policy?.name).toBe("high");
    policy(v, "high", "^q", { "max-length": 2 }, 0);
    expect(q.policy?.name).toBe("tie");
  });

  it("honours apply-to and the queue type's unsupported keys", () => {
    const v = new Vhost("v");
    const classic = queue(v, "c");
    const quorum = queue(v, "qq", { "x-queue-type": "quorum" });
    const x = exchange(v, "cx");
    policy(v, "queues-only", ".*", { "max-length": 1 }, 0, "queues");
    expect(x.policy).toBeUndefined();
    expect(classic.policy?.name).toBe("queues-only");
    // delivery-limit is a quorum key: classic queues are not matched at all by a policy holding it
    policy(v, "quorum-ish", ".*", { "delivery-limit": 5 }, 9, "queues");
    expect(quorum.policy?.name).toBe("quorum-ish");
    expect(classic.policy?.name).toBe("queues-only");
    policy(v, "lazy", "^qq$", { "queue-mode": "lazy" }, 10);
    expect(quorum.policy?.name).toBe("quorum-ish");
  });

  it("keeps an operator policy next to the policy, and an alternate exchange from a policy routes", () => {
    const v = new Vhost("v");
    const x = exchange(v, "x");
    policy(v, "ae", "^x$", { "alternate-exchange": "amq.fanout" }, 0, "exchanges");
    expect(x.alternateExchange).toBe("amq.fanout");
    expect(exchange(v, "y", { "alternate-exchange": "amq.direct" }).alternateExchange).toBe("amq.direct");
    const q = queue(v, "q", { "x-max-length": 10 });
    policy(v, "op", "^q$", { "max-length": 4 }, 0, "all", "operator_policy");
    expect(q.operatorPolicy?.name).toBe("op");
    expect(effectiveArgument(q, "max-length")).toBe(4);
  });

  it("refuses invalid values through the component without storing them", () => {
    const v = new Vhost("v");
    expect(() => policy(v, "bad", "^q", { "max-length": -1 })).toThrow(ParameterRejected);
    expect(v.parameters.list()).toEqual([]);
    expect(() => setParameter(v, "policy", "p", {})).toThrow("policies may not be set using this method");
    expect(() => setParameter(v, "shovel", "s", {})).toThrow("Validation failed\n\ncomponent shovel not found\n");
  });
});

describe("effectiveArgument", () => {
  const q = (args: Record<string, unknown>, policy?: Record<string, unknown>, op?: Record<string, unknown>) => ({
    arguments: toFieldTable(args),
    policy: policy === undefined ? undefined : { name: "p", definition: policy },
    operatorPolicy: op === undefined ? undefined : { name: "op", definition: op },
  });

  it("resolves classic queue keys as RabbitMQ's classic queues do", () => {
    expect(effectiveArgument(q({ "x-max-length": 10 }, { "max-length": 5 }), "max-length")).toBe(5);
    expect(effectiveArgument(q({ "x-max-length": 3 }, { "max-length": 5 }), "max-length")).toBe(3);
    expect(effectiveArgument(q({ "x-dead-letter-exchange": "a" }, { "dead-letter-exchange": "b" }), "dead-letter-exchange")).toBe("a");
    expect(effectiveArgument(q({}, { "dead-letter-exchange": "b" }), "dead-letter-exchange")).toBe("b");
    expect(effectiveArgument(q({ "x-overflow": "reject-publish" }, { overflow: "drop-head" }), "overflow")).toBe("reject-publish");
    expect(effectiveArgument(q({}, { "max-length": 5 }, { "max-length": 2 }), "max-length")).toBe(2);
    expect(effectiveArgument(q({}, undefined, { expires: 2000 }), "expires")).toBe(2000);
    expect(effectiveArgument(q({ "x-max-priority": 5 }, { "max-priority": 9 }), "max-priority")).toBe(5);
  });

  it("lets policies win where quorum and stream queues say so", () => {
    expect(effectiveArgument(q({ "x-queue-type": "quorum", "x-expires": 1000 }, { expires: 5000 }), "expires")).toBe(5000);
    expect(effectiveArgument(q({ "x-queue-type": "quorum", "x-overflow": "drop-head" }, { overflow: "reject-publish" }), "overflow")).toBe("reject-publish");
    expect(effectiveArgument(q({ "x-queue-type": "quorum", "x-delivery-limit": 3 }, { "delivery-limit": 5 }), "delivery-limit")).toBe(3);
    expect(effectiveArgument(q({ "x-queue-type": "stream", "x-max-age": "1D" }, { "max-age": "2D" }), "max-age")).toBe("2D");
  });
});
