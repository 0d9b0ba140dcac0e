// erlang:phash2/1 (the VM's portable make_hash2) for the few term shapes AMQP tables become in RabbitMQ:
// binaries, integers, floats, atoms, tuples and lists. RabbitMQ's binding properties_key hashes the binding's
// arguments this way, so keys computed here match the ones a RabbitMQ node gives for the same arguments.

/** An Erlang term, as far as AMQP field tables need. */
export type Term =
  | { readonly bin: Buffer }
  | { readonly atom: string }
  | { readonly int: bigint }
  | { readonly float: number }
  | { readonly tuple: readonly Term[] }
  | { readonly list: readonly Term[] };

/** The golden ratio constant and its multiples used to salt each kind of term. */
const H = (k: number): number => Math.imul(0x9e3779b9, k) >>> 0;
const NIL_HASH = 3468870702;

/** Bob Jenkins' mix of three 32-bit words. */
function mix(a: number, b: number, c: number): [number, number, number] {
  a = (a - b - c) >>> 0; a = (a ^ (c >>> 13)) >>> 0;
  b = (b - c - a) >>> 0; b = (b ^ (a << 8)) >>> 0;
  c = (c - a - b) >>> 0; c = (c ^ (b >>> 13)) >>> 0;
  a = (a - b - c) >>> 0; a = (a ^ (c >>> 12)) >>> 0;
  b = (b - c - a) >>> 0; b = (b ^ (a << 16)) >>> 0;
  c = (c - a - b) >>> 0; c = (c ^ (b >>> 5)) >>> 0;
  a = (a - b - c) >>> 0; a = (a ^ (c >>> 3)) >>> 0;
  b = (b - c - a) >>> 0; b = (b ^ (a << 10)) >>> 0;
  c = (c - a - b) >>> 0; c = (c ^ (b >>> 15)) >>> 0;
  return [a, b, c];
}

const word = (k: Buffer, o: number): number => (k[o]! | (k[o + 1]! << 8) | (k[o + 2]! << 16) | (k[o + 3]! << 24)) >>> 0;

/** Jenkins' lookup2 over a binary's bytes, seeded with the running hash. */
function blockHash(k: Buffer, init: number): number {
  let a = H(1);
  let b = H(1);
  let c = init >>> 0;
  let i = 0;
  for (; k.length - i >= 12; i += 12) {
    a = (a + word(k, i)) >>> 0;
    b = (b + word(k, i + 4)) >>> 0;
    c = (c + word(k, i + 8)) >>> 0;
    [a, b, c] = mix(a, b, c);
  }
  c = (c + k.length) >>> 0;
  // the tail: bytes 8-10 go to c above its length byte, 4-7 to b, 0-3 to a
  const t = k.subarray(i);
  const at = (j: number, shift: number): number => (j < t.length ? (t[j]! << shift) >>> 0 : 0);
  c = (c + at(10, 24) + at(9, 16) + at(8, 8)) >>> 0;
  b = (b + at(7, 24) + at(6, 16) + at(5, 8) + at(4, 0)) >>> 0;
  a = (a + at(3, 24) + at(2, 16) + at(1, 8) + at(0, 0)) >>> 0;
  return mix(a, b, c)[2];
}

/** The VM's atom hash (hashpjw over the name), which phash2 uses as the atom's value. */
function atomHash(name: string): number {
  let h = 0;
  for (const v of Buffer.from(name, "latin1")) {
    h = ((h << 4) + v) >>> 0;
    const g = h & 0xf0000000;
    if (g !== 0) h = (h ^ (g >>> 24) ^ g) >>> 0;
  }
  return h;
}

const U64 = (1n << 64n) - 1n;
const SMALL28 = 1n << 27n;

/** erlang:phash2(Term) with the full 32-bit range. */
export function phash2(term: Term): number {
  let hash = 0;
  const step = (x: number, y: number, k: number): void => {
    hash = mix((k + x) >>> 0, (k + y) >>> 0, hash)[2];
  };
  const stack: (Term | "nil")[] = [];
  let t: Term | "nil" = term;
  for (;;) {
    if (t === "nil") {
      if (hash === 0) hash = NIL_HASH;
      else step(2, 0, H(2));
    } else if ("int" in t) {
      const v = t.int;
      if (v >= -SMALL28 && v < SMALL28) {
        const n = Number(v);
        // negative numbers are mixed twice, magnitude first
        if (n < 0) step(-n >>> 0, 0, H(1));
        step(n >>> 0, 0, H(1));
      } else {
        let mag = v < 0n ? -v : v;
        const k = v < 0n ? H(10) : H(11);
        do {
          const d = mag & U64;
          mag >>= 64n;
          step(Number(d & 0xffffffffn), Number(d >> 32n), k);
        } while (mag > 0n);
      }
    } else if ("float" in t) {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(t.float === 0 ? 0 : t.float);
      step(b.readUInt32LE(4), b.readUInt32LE(0), H(12));
    } else if ("atom" in t) {
      const a = atomHash(t.atom);
      if (hash === 0) hash = a;
      else step(a, 0, H(3));
    } else if ("bin" in t) {
      const k = (H(13) + hash) >>> 0;
      hash = t.bin.length === 0 ? k : blockHash(t.bin, k);
    } else if ("tuple" in t) {
      step(t.tuple.length, 0, H(9));
      if (t.tuple.length > 0) {
        for (let i = t.tuple.length - 1; i >= 1; i--) stack.push(t.tuple[i]!);
        t = t.tuple[0]!;
        continue;
      }
    } else {
      // a proper list: each element, then the empty list at its tail
      if (t.list.length === 0) {
        t = "nil";
        continue;
      }
      stack.push({ list: t.list.slice(1) });
      t = t.list[0]!;
      continue;
    }
    const next = stack.pop();
    if (next === undefined) return hash;
    t = next;
  }
}
