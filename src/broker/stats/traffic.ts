import { Counters } from "./counters.js";

const RECV_OCT = 0;
const RECV_CNT = 1;
const SEND_OCT = 2;
const SEND_CNT = 3;

/** A connection's socket traffic: bytes and reads/writes each way, with byte rates. */
export class Traffic {
  private readonly counters = new Counters(4);

  received(bytes: number): void {
    this.counters.add(RECV_OCT, bytes);
    this.counters.add(RECV_CNT);
  }

  sent(bytes: number): void {
    this.counters.add(SEND_OCT, bytes);
    this.counters.add(SEND_CNT);
  }

  get recvOct(): number {
    return this.counters.get(RECV_OCT);
  }
  get recvCnt(): number {
    return this.counters.get(RECV_CNT);
  }
  get sendOct(): number {
    return this.counters.get(SEND_OCT);
  }
  get sendCnt(): number {
    return this.counters.get(SEND_CNT);
  }
  recvRate(): number {
    return this.counters.rate(RECV_OCT);
  }
  sendRate(): number {
    return this.counters.rate(SEND_OCT);
  }
  /** The last epoch the socket saw traffic. */
  get lastActiveEpoch(): number {
    return this.counters.lastActiveEpoch;
  }
}
