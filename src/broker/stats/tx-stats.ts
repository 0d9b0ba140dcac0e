/** Work a transactional channel has buffered: publishes and settled deliveries awaiting tx.commit. */
export interface Uncommitted {
  messages: number;
  acks: number;
}

// keyed by the channel's tx array, which commit and rollback replace: the counts reset with it
const byTx = new WeakMap<readonly unknown[], Uncommitted>();

function entry(tx: readonly unknown[]): Uncommitted {
  let u = byTx.get(tx);
  if (u === undefined) byTx.set(tx, (u = { messages: 0, acks: 0 }));
  return u;
}

export function recordTxPublish(tx: readonly unknown[]): void {
  entry(tx).messages++;
}

/** An ack, nack or reject buffered in a transaction, covering `n` deliveries. */
export function recordTxSettle(tx: readonly unknown[], n: number): void {
  entry(tx).acks += n;
}

export function uncommitted(tx: readonly unknown[] | undefined): Uncommitted {
  return (tx === undefined ? undefined : byTx.get(tx)) ?? { messages: 0, acks: 0 };
}
