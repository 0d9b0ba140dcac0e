// "Did you mean" uses the Jaro distance, as rabbitmqctl does (Elixir's String.jaro_distance).

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Array<boolean>(la).fill(false);
  const mb = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(lb, i + range + 1); j++) {
      if (mb[j] || a[i] !== b[j]) continue;
      ma[i] = mb[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
}

/** The closest name when it is close enough to be a likely typo. */
export function suggest(input: string, names: readonly string[], threshold = 0.8): string | undefined {
  let best: string | undefined;
  let score = 0;
  for (const n of names) {
    const s = jaro(input, n);
    if (s > score) {
      score = s;
      best = n;
    }
  }
  return score >= threshold ? best : undefined;
}
