// Publisher confirms and tx.commit-ok that wait for the message store: a publish that stored a message is confirmed
// once the store's group commit has it on disk, and the channel's later confirms wait behind it so none overtakes.
import { recordConfirm } from "../stats/record.js";
import type { Vhost } from "../vhost/vhost.js";
import type { Channel } from "./channel.js";

interface Confirm {
  readonly tag: number;
  readonly ok: boolean;
}

/** Confirms that settle together: those waiting on one flush, plus any that arrived behind them. */
interface Group {
  readonly flush: Promise<void>;
  readonly confirms: Confirm[];
  done: boolean;
  failed: boolean;
}

/** Appends to the node's message store so far; a publish that changes it stored a message. */
export const storeMark = (vhost: Vhost): number => vhost.messageLogs?.appends ?? 0;

/** In tag order: nacks one by one, each run of acks as one multiple ack; a failed write nacks them all. */
function sendConfirms(ch: Channel, vhost: Vhost, confirms: readonly Confirm[], failed: boolean): void {
  // a closed channel's number may already belong to a new channel, which must not see these
  if (ch.state !== "open" || ch.conn.channels.get(ch.id) !== ch) return;
  const out = ch.conn.output;
  let run = 0;
  confirms.forEach((c, i) => {
    if (!c.ok || failed) return out.method(ch.id, "basic.nack", { deliveryTag: c.tag, multiple: false, requeue: false });
    recordConfirm(ch.stats, vhost);
    run++;
    if (confirms[i + 1]?.ok === true && !failed) return;
    out.method(ch.id, "basic.ack", { deliveryTag: c.tag, multiple: run > 1 });
    run = 0;
  });
}

/** A channel's confirms held for the store, oldest first; forgotten once none is left. */
class HeldConfirms {
  private readonly groups: Group[] = [];

  constructor(
    private readonly ch: Channel,
    private readonly vhost: Vhost,
  ) {}

  add(c: Confirm, flush: Promise<void> | undefined): void {
    const last = this.groups.at(-1);
    // one flush per batch: every publish of the batch gets the same promise, and unstored ones wait behind the last
    if (last !== undefined && (flush === undefined || flush === last.flush)) return void last.confirms.push(c);
    const g: Group = { flush: flush ?? Promise.resolve(), confirms: [c], done: false, failed: false };
    this.groups.push(g);
    const settle = (failed: boolean): void => {
      g.done = true;
      g.failed = failed;
      this.pump();
    };
    g.flush.then(
      () => settle(false),
      () => settle(true),
    );
  }

  private pump(): void {
    while (this.groups[0]?.done === true) {
      const g = this.groups.shift()!;
      sendConfirms(this.ch, this.vhost, g.confirms, g.failed);
    }
    if (this.groups.length === 0) held.delete(this.ch);
  }
}

const held = new WeakMap<Channel, HeldConfirms>();

/**
 * Confirms a publish (ack, or nack when a queue refused it): at once when nothing was stored and nothing earlier
 * is held, else once the store's flush settles, in order with the channel's other confirms.
 */
export function confirmPublish(ch: Channel, vhost: Vhost, tag: number, ok: boolean, stored: boolean): void {
  const logs = vhost.messageLogs;
  let h = held.get(ch);
  if (h === undefined) {
    if (!stored || logs === undefined) return sendConfirms(ch, vhost, [{ tag, ok }], false);
    h = new HeldConfirms(ch, vhost);
    held.set(ch, h);
  }
  h.add({ tag, ok }, stored ? logs?.flush() : undefined);
}

/** Runs reply once what the store took since `mark` is on disk (retrying a failed write), or at once if it took nothing. */
export function afterStored(ch: Channel, vhost: Vhost, mark: number, reply: () => void): void {
  const logs = vhost.messageLogs;
  if (logs === undefined || logs.appends === mark) return reply();
  const wait = (): void =>
    void logs.flush().then(
      () => {
        if (ch.state === "open" && ch.conn.channels.get(ch.id) === ch) reply();
      },
      // the store retries a failed batch; the reply waits for the retry
      () => wait(),
    );
  wait();
}
