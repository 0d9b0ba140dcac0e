// list_queues info keys: the HTTP fields behind each, whether they are live without stats, and per queue type
// which keys rabbitmqctl 3.10.8 fills (others print empty).
import { atom, float, list, type CtlValue } from "../../format/values.js";
import { amqpTable } from "../common.js";
import { atomOf, field, flag, from, int, text, type InfoKey, type Obj } from "./_lists.js";

export interface QueueKey extends InfoKey {
  /** Served by `disable_stats=true&enable_queue_totals=true` (read at call time, no stats lag). */
  live: boolean;
}

export const QUEUE_COLUMNS = [
  "name", "durable", "auto_delete", "arguments", "policy", "pid", "owner_pid", "exclusive", "exclusive_consumer_pid",
  "exclusive_consumer_tag", "messages_ready", "messages_unacknowledged", "messages", "messages_ready_ram",
  "messages_unacknowledged_ram", "messages_ram", "messages_persistent", "message_bytes", "message_bytes_ready",
  "message_bytes_unacknowledged", "message_bytes_ram", "message_bytes_persistent", "head_message_timestamp",
  "disk_reads", "disk_writes", "consumers", "consumer_utilisation", "consumer_capacity", "memory", "slave_pids",
  "synchronised_slave_pids", "state", "type", "leader", "members", "online",
];

const nodes = (v: unknown): CtlValue => (Array.isArray(v) ? list(v.map((n) => atom(String(n)))) : null);
const live = (k: InfoKey): QueueKey => ({ ...k, live: true });
const stats = (k: InfoKey): QueueKey => ({ ...k, live: false });
const counter = (name: string): QueueKey => stats(from(name, int));

// utilisation is the integer 0 without consumers and a float otherwise (1.0), as the queue process reports it
const ratio = (name: string): QueueKey => stats({
  fields: [name, "consumers"],
  value: (q) => {
    const v = q[name];
    if (typeof v !== "number") return null;
    return !Number.isInteger(v) || (typeof q.consumers === "number" && q.consumers > 0) ? float(v) : v;
  },
});

export const QUEUE_KEYS: Readonly<Record<string, QueueKey>> = {
  name: live(from("name", text)),
  durable: live(from("durable", flag)),
  auto_delete: live(from("auto_delete", flag)),
  exclusive: live(from("exclusive", flag)),
  arguments: live({ fields: ["arguments"], value: (q) => amqpTable(q.arguments) }),
  policy: live(from("policy", text)),
  type: live(from("type", atomOf)),
  // without stats a running classic queue reports its record state "live"
  state: live({ fields: ["state"], value: (q) => (q.state === "live" ? atom("running") : atomOf(q.state)) }),
  messages: live(from("messages", int)),
  messages_ready: live(from("messages_ready", int)),
  messages_unacknowledged: live(from("messages_unacknowledged", int)),
  // HTTP gives a stream's leader only as its node
  leader: live({ fields: ["leader", "node"], value: (q) => atomOf(q.leader ?? (q.type === "stream" ? q.node : undefined)) }),
  members: live(from("members", nodes)),
  online: live(from("online", nodes)),
  // HTTP has no process ids: the hosting node (a quorum queue's leader) stands in for the queue pid
  pid: live({ fields: ["node", "leader"], value: (q) => atomOf(q.leader ?? q.node) }),
  slave_pids: live(from("slave_nodes", nodes)),
  synchronised_slave_pids: live(from("synchronised_slave_nodes", nodes)),
  // not exposed by the management API at all
  disk_reads: live({ fields: [], value: () => null }),
  disk_writes: live({ fields: [], value: () => null }),
  owner_pid: stats({ fields: ["exclusive"], value: (q) => text(field(q, "owner_pid_details.name")) }),
  exclusive_consumer_tag: stats(from("exclusive_consumer_tag", text)),
  exclusive_consumer_pid: stats({
    fields: ["exclusive_consumer_tag"],
    value: (q) => {
      const cs = Array.isArray(q.consumer_details) ? (q.consumer_details as Obj[]) : [];
      const c = cs.find((x) => x.consumer_tag === q.exclusive_consumer_tag);
      return c ? text(field(c, "channel_details.name")) : null;
    },
  }),
  messages_ready_ram: counter("messages_ready_ram"),
  messages_unacknowledged_ram: counter("messages_unacknowledged_ram"),
  messages_ram: counter("messages_ram"),
  messages_persistent: counter("messages_persistent"),
  message_bytes: counter("message_bytes"),
  message_bytes_ready: counter("message_bytes_ready"),
  message_bytes_unacknowledged: counter("message_bytes_unacknowledged"),
  message_bytes_ram: counter("message_bytes_ram"),
  message_bytes_persistent: counter("message_bytes_persistent"),
  head_message_timestamp: counter("head_message_timestamp"),
  consumers: counter("consumers"),
  consumer_utilisation: ratio("consumer_utilisation"),
  consumer_capacity: ratio("consumer_capacity"),
  memory: counter("memory"),
};

const QUORUM = new Set(["name", "durable", "auto_delete", "arguments", "policy", "pid", "messages", "messages_ready",
  "messages_unacknowledged", "messages_ram", "message_bytes_ram", "consumers", "memory", "state", "type", "leader",
  "members", "online"]);
const STREAM = new Set(["name", "durable", "auto_delete", "arguments", "policy", "messages", "messages_ready",
  "messages_unacknowledged", "consumers", "memory", "state", "type", "leader", "members", "online"]);

/** Whether rabbitmqctl prints a value for this key on a queue of this type (3.10.8's per-type info items). */
export function typeHasKey(type: unknown, key: string): boolean {
  if (type === "quorum") return QUORUM.has(key);
  if (type === "stream") return STREAM.has(key);
  return key !== "leader" && key !== "members" && key !== "online";
}

/** Fields a stream queue lacks without stats; fetched for it alone when wanted. */
export const STREAM_STATS_FIELDS = new Set(["messages", "messages_ready", "messages_unacknowledged", "leader", "members", "online", "node"]);
