// A node with a data directory keeps persistent messages of durable queues in <dbDir>/msg_store: this opens that
// store for a broker, replays it into the restored queues at start and keeps it from deleting anything while stopping.
import { join } from "node:path";
import type { Broker } from "../broker.js";
import { MessageLogs, queueLogId } from "../queue/durable-log.js";
import { type MessageStore, openMessageStore } from "../store/index.js";

/** The message store's directory under the node's database directory. */
export const MESSAGE_STORE_DIR = "msg_store";

export class MessagePersistence {
  private constructor(
    private readonly broker: Broker,
    private readonly store: MessageStore,
    private readonly logs: MessageLogs,
  ) {}

  /** Opens the store and hands it to the broker's vhosts (and those created later); call before definitions are restored. */
  static async open(broker: Broker, dbDir: string): Promise<MessagePersistence> {
    const log = broker.node.log;
    const warn = (m: string): void => log.warning(`message store: ${m}`);
    const store = await openMessageStore(join(dbDir, MESSAGE_STORE_DIR), { onWarning: warn });
    const logs = new MessageLogs(store, warn, () => broker.node.definitionsDurable());
    broker.messageLogs = logs;
    for (const v of broker.vhosts.values()) v.messageLogs = logs;
    return new MessagePersistence(broker, store, logs);
  }

  /**
   * Once the durable queues are restored: each takes back its stored messages (redelivered, in order), and what
   * the store holds for queues that no longer exist is removed. Expired ones and those over a drop-head limit go (or
   * are dead-lettered) afterwards, so a dead letter never lands ahead of a queue's recovered messages. Resolves with how many came back.
   */
  async recover(): Promise<number> {
    const ids: string[] = [];
    const queues = [];
    let recovered = 0;
    for (const v of this.broker.vhosts.values()) {
      for (const q of v.queues.values()) {
        if (!q.durable || q.exclusiveOwner !== undefined) continue;
        ids.push(queueLogId(v.name, q.name));
        queues.push(q);
        recovered += q.recoverStored();
      }
    }
    await this.store.deleteQueuesExcept(ids);
    for (const q of queues) q.recovered();
    if (recovered > 0) this.broker.node.log.info(`message store: recovered ${recovered} messages in ${queues.length} durable queues`);
    return recovered;
  }

  /** The node is stopping: queues its closing connections delete (auto-delete) keep their messages on disk. */
  detach(): void {
    this.logs.live = false;
  }

  /** Writes what is pending and closes the store. */
  async close(): Promise<void> {
    this.detach();
    await this.store.close();
  }
}
