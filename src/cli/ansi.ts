// rabbitmqctl emits bold escapes even when stdout is not a TTY; NO_COLOR (any value) turns them off.
export function makeBold(env: Record<string, string | undefined>): (s: string) => string {
  const off = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return off ? (s) => s : (s) => `\u001b[1m${s}\u001b[0m`;
}
