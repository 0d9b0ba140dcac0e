/** RabbitMQ's collect_statistics_interval: counters are compared against their value one interval back. */
export const STATS_INTERVAL_MS = 5000;

/** The stats epoch: a number that ticks every interval, and when the current and previous epochs began. */
export const statsClock = {
  epoch: 0,
  currentStart: Date.now(),
  previousStart: Date.now(),
};

const tickListeners = new Set<() => void>();
let timer: NodeJS.Timeout | undefined;

function tick(): void {
  statsClock.epoch++;
  statsClock.previousStart = statsClock.currentStart;
  statsClock.currentStart = Date.now();
  for (const l of tickListeners) l();
}

/** Starts the one process-wide tick (unref'd, so it never keeps a process alive); counters call it when created. */
export function ensureTicking(): void {
  if (timer !== undefined) return;
  // the first epoch starts now, not when the module loaded
  statsClock.currentStart = statsClock.previousStart = Date.now();
  timer = setInterval(tick, STATS_INTERVAL_MS);
  timer.unref();
}

/** Runs `listener` at every tick (gauge sampling); returns the unsubscribe function. */
export function onStatsTick(listener: () => void): () => void {
  ensureTicking();
  tickListeners.add(listener);
  return () => tickListeners.delete(listener);
}

/** When epoch `e` began: exact for the current and previous epochs, one interval apart before that. */
export function epochStart(e: number): number {
  if (e >= statsClock.epoch) return statsClock.currentStart;
  if (e === statsClock.epoch - 1) return statsClock.previousStart;
  return statsClock.previousStart - (statsClock.epoch - 1 - e) * STATS_INTERVAL_MS;
}

/** Seconds since the previous epoch began: the window a rate is measured over (one to two intervals). */
export function rateWindowSeconds(now = Date.now()): number {
  return (now - statsClock.previousStart) / 1000;
}

/** RabbitMQ reports rates rounded to one decimal. */
export const roundRate = (r: number): number => Math.round(r * 10) / 10;
