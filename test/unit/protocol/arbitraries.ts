// fast-check arbitraries for protocol values, driven by the generated field metadata.
import fc from "fast-check";
import type { FieldTable, FieldValue } from "../../../src/protocol/field-table.js";
import {
  BASIC_PROPERTIES,
  type BasicProperties,
  METHODS,
  type MethodArgs,
  type MethodName,
  type WireType,
} from "../../../src/protocol/methods.generated.js";

const byteLength = (s: string): number => Buffer.byteLength(s, "utf8");

/** Any Unicode text (no lone surrogates) that fits a shortstr. */
export const shortstr = (): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "binary-ascii", maxLength: 255 })).filter((s) => byteLength(s) <= 255);

export const bytes = (maxLength = 40): fc.Arbitrary<Buffer> => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a));

const leaf: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.boolean().map((value): FieldValue => ({ type: "t", value })),
  fc.integer({ min: -128, max: 127 }).map((value): FieldValue => ({ type: "b", value })),
  fc.integer({ min: 0, max: 255 }).map((value): FieldValue => ({ type: "B", value })),
  fc.integer({ min: -32768, max: 32767 }).map((value): FieldValue => ({ type: "s", value })),
  fc.integer({ min: 0, max: 65535 }).map((value): FieldValue => ({ type: "u", value })),
  fc.integer().map((value): FieldValue => ({ type: "I", value })),
  fc.integer({ min: 0, max: 0xffffffff }).map((value): FieldValue => ({ type: "i", value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value): FieldValue => ({ type: "l", value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value): FieldValue => ({ type: "L", value })),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value): FieldValue => ({ type: "T", value })),
  fc.float().map((value): FieldValue => ({ type: "f", value })),
  fc.double().map((value): FieldValue => ({ type: "d", value })),
  fc.record({ scale: fc.integer({ min: 0, max: 255 }), value: fc.integer({ min: 0, max: 0xffffffff }) }).map((value): FieldValue => ({ type: "D", value })),
  bytes().map((value): FieldValue => ({ type: "S", value })),
  bytes().map((value): FieldValue => ({ type: "x", value })),
  fc.constant<FieldValue>({ type: "V", value: null }),
);

const tableOf = (value: fc.Arbitrary<FieldValue>): fc.Arbitrary<FieldTable> =>
  fc
    .uniqueArray(fc.tuple(fc.string({ unit: "binary", maxLength: 12 }), value), { selector: ([k]) => k, maxLength: 5 })
    .map((entries) => new Map(entries));

const tree = fc.letrec<{ value: FieldValue; table: FieldTable }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }).map((value): FieldValue => ({ type: "A", value })),
    tie("table").map((value): FieldValue => ({ type: "F", value })),
  ),
  table: tableOf(tie("value")),
}));

export const fieldValue = (): fc.Arbitrary<FieldValue> => tree.value;
export const fieldTable = (): fc.Arbitrary<FieldTable> => tree.table;

const byType: Record<WireType, () => fc.Arbitrary<unknown>> = {
  bit: () => fc.boolean(),
  octet: () => fc.integer({ min: 0, max: 255 }),
  short: () => fc.integer({ min: 0, max: 65535 }),
  long: () => fc.integer({ min: 0, max: 0xffffffff }),
  longlong: () => fc.maxSafeNat(),
  shortstr,
  longstr: () => bytes(200),
  table: fieldTable,
  timestamp: () => fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
};

/** Arbitrary arguments for one method, every field drawn from its wire type's full range. */
export function methodArgs<N extends MethodName>(name: N, overrides: Partial<Record<WireType, () => fc.Arbitrary<unknown>>> = {}): fc.Arbitrary<MethodArgs[N]> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of METHODS[name].fields) model[f.name] = (overrides[f.type] ?? byType[f.type])();
  return fc.record(model) as unknown as fc.Arbitrary<MethodArgs[N]>;
}

/** Arbitrary basic properties, each present or absent. */
export const basicProperties = (): fc.Arbitrary<BasicProperties> => {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of BASIC_PROPERTIES) model[p.name] = byType[p.type]();
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<BasicProperties>;
};
