/** RabbitMQ's idle_since format: RFC 3339 with milliseconds in the node's local time, e.g. 2026-12-03T09:58:27.666+00:00. */
export function rfc3339(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${local.toISOString().slice(0, 23)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
