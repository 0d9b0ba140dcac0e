type Column = Uint8Array | Uint32Array | Float64Array;

/** The column itself while index fits, else a copy at least twice as long (typed arrays cannot grow in place). */
export function ensureIndex<C extends Column>(column: C, index: number, make: (length: number) => C): C {
  if (index < column.length) return column;
  const grown = make(Math.max(index + 1, column.length * 2));
  grown.set(column);
  return grown;
}
