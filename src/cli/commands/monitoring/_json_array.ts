// Reads the elements of one top-level JSON array from a byte stream as each element completes, so a list of
// 100k objects is never held whole (neither as text nor parsed).

/** Yields, per incoming chunk, the array elements that chunk completed (parsed). */
export async function* jsonArrayBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<unknown[]> {
  const decoder = new TextDecoder("utf-8");
  let depth = 0;
  let inString = false;
  let escaped = false;
  // text of the element in progress from earlier chunks; `started` says one is in progress
  let carry = "";
  let started = false;
  const feed = (text: string, out: unknown[]): void => {
    let from = started ? 0 : -1;
    const finish = (end: number): void => {
      out.push(JSON.parse(carry + text.slice(from, end)));
      carry = "";
      started = false;
      from = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (depth === 1 && !started && ch !== "," && ch !== "]" && !/\s/.test(ch)) {
        started = true;
        from = i;
      }
      if (ch === '"') inString = true;
      else if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        depth--;
        // the element closed, or the array ended right after a scalar element
        if (depth === 1 && started) finish(i + 1);
        else if (depth === 0 && started) finish(i);
      } else if (ch === "," && depth === 1 && started) finish(i);
    }
    if (started) carry += text.slice(from);
  };
  for await (const chunk of chunks) {
    const out: unknown[] = [];
    feed(decoder.decode(chunk, { stream: true }), out);
    if (out.length > 0) yield out;
  }
  const out: unknown[] = [];
  feed(decoder.decode(), out);
  if (out.length > 0) yield out;
}
