// Planning exchanges, queues and bindings as RabbitMQ 3.10.8 imports them: an object that exists already is kept as
// it is (whatever the file says), amq.* and the default exchange are skipped, and a binding whose ends are missing
// is dropped without a word. Queues first pass RabbitMQ's up-front max-queues check.
import type { FieldTable } from "../../protocol/index.js";
import { AmqpError, commandInvalid, describe, preconditionFailed } from "../errors.js";
import { isExchangeType } from "../exchange/types.js";
import { jsonToTable } from "../management/amqp-json.js";
import { validateQueueArgs } from "../queue/queue-args.js";
import { limitOf } from "../vhost/limits.js";
import type { Expected, Plan } from "./plan.js";
import type { VhostOf } from "./plan-parameters.js";
import { amqpRejected, noSuchVhost, queueLimitExceeded } from "./rejection.js";
import { BindingEntry, type DefinitionsFile, entriesOf, ExchangeEntry, parseEntry, QueueEntry } from "./schema.js";

/** Runs a check that raises AMQP errors, reporting them as the import does. */
function amqpChecked(check: () => void): void {
  try {
    check();
  } catch (e) {
    throw e instanceof AmqpError ? amqpRejected(e) : e;
  }
}

const isReserved = (name: string): boolean => name.startsWith("amq.");

/**
 * validate_limits: per vhost, the file's queues that do not exist yet must fit under the max-queues in force now
 * (a limit the file itself sets is not consulted). Duplicates and amq.* names count, as they do in RabbitMQ.
 */
export function checkQueueLimits(file: DefinitionsFile, world: Expected, vhostOf: VhostOf): void {
  const adding = new Map<string, number>();
  for (const [, q] of entriesOf(file, "queues")) {
    const vhost = vhostOf(typeof q.vhost === "string" ? q.vhost : undefined);
    if (!world.broker.vhosts.get(vhost)?.queues.has(String(q.name))) adding.set(vhost, (adding.get(vhost) ?? 0) + 1);
  }
  for (const [vhost, count] of [...adding].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
    const v = world.broker.vhosts.get(vhost);
    const limit = v === undefined ? undefined : limitOf(v, "max-queues");
    if (v !== undefined && limit !== undefined && v.queues.size + count > limit) throw queueLimitExceeded(vhost, count, limit, v.queues.size);
  }
}

export function planExchanges(file: DefinitionsFile, world: Expected, plan: Plan, vhostOf: VhostOf, actingUser: string): void {
  for (const [i, raw] of entriesOf(file, "exchanges")) {
    const x = parseEntry(ExchangeEntry, "exchanges", i, raw);
    const vhost = vhostOf(x.vhost);
    if (x.name === "" || isReserved(x.name) || world.hasExchange(vhost, x.name)) continue;
    if (!isExchangeType(x.type)) throw amqpRejected(commandInvalid(`unknown exchange type '${x.type}'`));
    const args = jsonToTable(x.arguments);
    if (!world.hasVhost(vhost)) throw noSuchVhost(vhost);
    const declaration = { name: x.name, type: x.type, durable: x.durable, autoDelete: x.auto_delete, internal: x.internal ?? false, arguments: args, actingUser };
    plan.exchanges.push({ vhost, declaration });
    world.addExchange(vhost, x.name);
  }
}

/** warren has classic queues only; a quorum or stream queue is refused as PUT /api/queues refuses it. */
function checkQueueType(args: FieldTable, resource: string): void {
  const t = args.get("x-queue-type");
  const type = t?.type === "S" ? t.value.toString("utf8") : undefined;
  if (type !== undefined && type !== "classic") throw preconditionFailed(`invalid arg 'x-queue-type' for ${resource}: "unsupported queue type '${type}'"`);
}

export function planQueues(file: DefinitionsFile, world: Expected, plan: Plan, vhostOf: VhostOf): void {
  for (const [i, raw] of entriesOf(file, "queues")) {
    const q = parseEntry(QueueEntry, "queues", i, raw);
    const vhost = vhostOf(q.vhost);
    if (isReserved(q.name) || world.hasQueue(vhost, q.name)) continue;
    const args = jsonToTable(q.arguments);
    const resource = describe("queue", q.name, vhost);
    amqpChecked(() => {
      checkQueueType(args, resource);
      validateQueueArgs(args, resource);
    });
    if (!world.hasVhost(vhost)) throw noSuchVhost(vhost);
    plan.queues.push({ vhost, declaration: { name: q.name, durable: q.durable, autoDelete: q.auto_delete, exclusive: false, arguments: args } });
    world.addQueue(vhost, q.name);
  }
}

/** A binding is added when its vhost, source and destination exist by then; otherwise RabbitMQ ignores it. */
export function planBindings(file: DefinitionsFile, world: Expected, plan: Plan, vhostOf: VhostOf): void {
  for (const [i, raw] of entriesOf(file, "bindings")) {
    const b = parseEntry(BindingEntry, "bindings", i, raw);
    const vhost = vhostOf(b.vhost);
    const args = jsonToTable(b.arguments);
    const destKind = b.destination_type;
    if (destKind !== "queue" && destKind !== "exchange") continue;
    // the default exchange binds queues implicitly; RabbitMQ keeps no explicit binding from it
    if (b.source === "" || !world.hasVhost(vhost) || !world.hasExchange(vhost, b.source)) continue;
    const destExists = destKind === "queue" ? world.hasQueue(vhost, b.destination) : world.hasExchange(vhost, b.destination);
    if (!destExists) continue;
    plan.bindings.push({ vhost, source: b.source, spec: { destKind, destination: b.destination, routingKey: b.routing_key, arguments: args } });
  }
}
