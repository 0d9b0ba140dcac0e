import type { Broker } from "../broker.js";
import type { Connection } from "./connection.js";

/** RabbitMQ's connection.blocked reason for the alarms in force ("low on memory", "low on disk", "low on memory & disk"). */
export function alarmBlockReason(memory: boolean, disk: boolean): string | undefined {
  const low = [...(memory ? ["memory"] : []), ...(disk ? ["disk"] : [])];
  return low.length === 0 ? undefined : `low on ${low.join(" & ")}`;
}

/**
 * Raises (reason) or clears (undefined) the broker-wide publishing block a resource alarm sets. As in RabbitMQ,
 * a connection blocks when it next sends a message (so consumers keep working) and all resume when it clears.
 */
export function setPublishersBlocked(broker: Broker, reason: string | undefined): void {
  broker.publishingBlocked = reason;
  if (reason !== undefined) return;
  for (const conn of broker.connections) if (conn.publishBlock !== undefined) unblockPublisher(conn);
}

/**
 * A content header arrived while publishing is blocked: stop reading this connection (its frames wait in the
 * socket, nothing is buffered) and tell clients that announced the connection.blocked capability, once.
 */
export function blockPublisher(conn: Connection): void {
  const reason = conn.broker.publishingBlocked;
  if (reason === undefined || conn.publishBlock !== undefined) return;
  const notified = conn.hasCapability("connection.blocked");
  conn.publishBlock = { notified };
  conn.socket.pause();
  conn.output.holdReading = true;
  // the client may well go quiet while it cannot publish; RabbitMQ pauses its heartbeat monitor too
  conn.heartbeat.monitorPaused = true;
  if (notified) conn.output.method(0, "connection.blocked", { reason });
}

function unblockPublisher(conn: Connection): void {
  const block = conn.publishBlock;
  if (block === undefined) return;
  conn.publishBlock = undefined;
  conn.output.holdReading = false;
  conn.heartbeat.monitorPaused = false;
  if (block.notified) conn.output.method(0, "connection.unblocked", {});
  if (conn.state === "closed") return;
  conn.socket.resume();
  // frames that arrived before the block took hold run now
  conn.processFrames();
}
