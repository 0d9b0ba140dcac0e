/** Columns given as `a b` or `a,b`, duplicates dropped, order kept (rabbitmqctl's info keys). */
export function parseColumns(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) for (const c of a.split(",")) if (c !== "" && !out.includes(c)) out.push(c);
  return out;
}

/** "Info key(s) bogus,other are not supported", or undefined when all are allowed. */
export function columnsProblem(columns: readonly string[], allowed: readonly string[]): string | undefined {
  const bad = columns.filter((c) => !allowed.includes(c)).sort();
  return bad.length > 0 ? `Info key(s) ${bad.join(",")} are not supported` : undefined;
}
