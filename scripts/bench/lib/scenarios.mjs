// The side-by-side scenarios of issue 6, as warren-perf arguments. Durations are short so the whole bench stays under ~10 minutes.

/** Throughput and latency scenarios; `goal` says what BENCHMARKS.md checks. */
export function throughputScenarios(seconds) {
  const t = ["--time", String(seconds)];
  return [
    { id: "a", title: "(a) 1 producer, 1 consumer, 16 B, auto-ack", args: ["--producers", "1", "--consumers", "1", "--size", "16", "--auto-ack", ...t], goal: { ratio: 3 } },
    { id: "b", title: "(b) 1 producer, 1 consumer, 16 B, manual ack, prefetch 100", args: ["--producers", "1", "--consumers", "1", "--size", "16", "--prefetch", "100", ...t], goal: { ratio: 3 } },
    {
      id: "c",
      title: "(c) persistent, confirms 100 in flight, 1 KB, prefetch 100",
      args: ["--producers", "1", "--consumers", "1", "--size", "1024", "--persistent", "--confirm", "100", "--prefetch", "100", ...t],
      goal: { ratio: 2 },
    },
    { id: "latency", title: "Latency at a fixed 10,000 msg/s, 16 B, auto-ack", args: ["--producers", "1", "--consumers", "1", "--size", "16", "--rate", "10000", "--auto-ack", ...t], goal: { p99Ms: 5 } },
    { id: "fanout", title: "Fan-out: 1 producer -> fanout exchange, 10 queues, 10 consumers, 16 B, auto-ack", args: ["--producers", "1", "--exchange-type", "fanout", "--queues", "10", "--consumers", "10", "--size", "16", "--auto-ack", ...t], goal: {} },
  ];
}

/** 100,000 x 1 KB transient messages into one named queue, nobody consuming; confirms make sure they are all enqueued before RSS is read. */
export const QUEUED_QUEUE = "warren-perf-mem";
export const queuedArgs = (count) => ["--queue", QUEUED_QUEUE, "--consumers", "0", "--pmessages", String(count), "--size", "1024", "--confirm", "1000"];
