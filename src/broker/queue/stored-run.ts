import type { RecordRef } from "../store/index.js";

/** Slots a run grows to before the next store-backed message starts another. */
const MAX_SLOTS = 4096;
const FIRST_SLOTS = 16;

/**
 * Consecutive ready messages that live only in the message store, as columns instead of objects: about 26 bytes
 * each (record ref, seq, deadline, priority, redelivered) where a QueuedMessage and its stand-in cost well over a
 * hundred on the heap. A queue of a million stored messages is then a few megabytes of index, as the issue of a
 * long backlog wants; ready-list.ts turns them back into messages a batch at a time as they near the head.
 */
export class StoredRun {
  /** ref, seq and deadline of each slot, three per slot. */
  private numbers = new Float64Array(FIRST_SLOTS * 3);
  /** priority, then redelivered (0/1), two per slot. */
  private flags = new Uint8Array(FIRST_SLOTS * 2);
  /** Slots filled. */
  length = 0;
  /** Slots already taken back out (from the front). */
  at = 0;

  get full(): boolean {
    return this.length === MAX_SLOTS;
  }

  get remaining(): number {
    return this.length - this.at;
  }

  push(ref: RecordRef, seq: number, expiresAt: number, priority: number, redelivered: boolean): void {
    const i = this.length++;
    if (i * 3 >= this.numbers.length) this.grow();
    this.numbers[i * 3] = ref;
    this.numbers[i * 3 + 1] = seq;
    this.numbers[i * 3 + 2] = expiresAt;
    this.flags[i * 2] = priority;
    this.flags[i * 2 + 1] = redelivered ? 1 : 0;
  }

  ref = (i: number): RecordRef => this.numbers[i * 3]! as RecordRef;
  seq = (i: number): number => this.numbers[i * 3 + 1]!;
  expiresAt = (i: number): number => this.numbers[i * 3 + 2]!;
  priority = (i: number): number => this.flags[i * 2]!;
  redelivered = (i: number): boolean => this.flags[i * 2 + 1] === 1;

  private grow(): void {
    const slots = Math.min(MAX_SLOTS, (this.numbers.length / 3) * 2);
    const numbers = new Float64Array(slots * 3);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const flags = new Uint8Array(slots * 2);
    flags.set(this.flags);
    this.flags = flags;
  }
}
