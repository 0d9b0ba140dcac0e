// Records the sizes Buffer allocations ask for while fn runs, so rejection tests can prove nothing big was allocated.
import { vi } from "vitest";

export function largestAllocation(fn: () => unknown): number {
  let largest = 0;
  const note = (n: unknown): void => {
    if (typeof n === "number" && n > largest) largest = n;
  };
  const spies: { mockRestore(): void }[] = (["alloc", "allocUnsafe", "allocUnsafeSlow"] as const).map((name) => {
    const original = Buffer[name].bind(Buffer) as (n: number) => Buffer;
    return vi.spyOn(Buffer, name).mockImplementation(((n: number) => {
      note(n);
      return original(n);
    }) as never);
  });
  const concat = Buffer.concat.bind(Buffer);
  spies.push(
    vi.spyOn(Buffer, "concat").mockImplementation(((list: readonly Uint8Array[], total?: number) => {
      note(total ?? list.reduce((s, b) => s + b.length, 0));
      return concat(list, total);
    }) as never),
  );
  try {
    fn();
  } catch {
    // the caller asserts on the error separately
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return largest;
}
