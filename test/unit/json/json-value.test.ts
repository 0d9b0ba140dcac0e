import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonText } from "../../../src/broker/json/json-parse.js";
import { erlangFloatText, jsonText } from "../../../src/broker/json/json-text.js";
import { ErlangFloat, isJsonInteger, type JsonValue, plainJson } from "../../../src/broker/json/json-value.js";

/** What io_lib_format:fwrite_g (OTP 25, the node's encoder) writes for each double, taken from erl. */
const ERLANG_FLOATS: readonly [number, string][] = [
  [0, "0.0"], [-0, "-0.0"], [1, "1.0"], [-1, "-1.0"], [0.1, "0.1"], [0.5, "0.5"], [1.5, "1.5"], [100, "100.0"], [1000, "1.0e3"],
  [1e15, "1.0e15"], [1e16, "1.0e16"], [123456789.125, "123456789.125"], [9007199254740991, "9007199254740991.0"],
  [9007199254740992, "9.007199254740992e15"], [4503599627370496, "4503599627370496.0"], [1e-4, "0.0001"], [1.23e-4, "1.23e-4"],
  [1e-5, "1.0e-5"], [1.5e-7, "1.5e-7"], [0.001, "0.001"], [0.30000000000000004, "0.30000000000000004"], [5e-324, "5.0e-324"],
  [1.7976931348623157e308, "1.7976931348623157e308"], [2.5e300, "2.5e300"], [-2.5e-300, "-2.5e-300"], [1e22, "1.0e22"], [1e21, "1.0e21"],
  [123.456, "123.456"], [1e100, "1.0e100"], [0.10000000149011612, "0.10000000149011612"], [3.14, "3.14"], [314, "314.0"], [31400, "3.14e4"],
  [99999, "99999.0"], [100000, "1.0e5"], [1234567, "1234567.0"], [12345678, "12345678.0"], [1.234e-4, "1.234e-4"], [0.002, "0.002"], [7e-6, "7.0e-6"],
];

/** A number literal as a client may write it: an integer of any size, or a float with a fraction and/or an exponent. */
const numberLiteral: fc.Arbitrary<string> = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  // String(d) is a float literal unless d is integral ("5", "-0"): those get a ".0"
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (/[.e]/.test(String(d)) ? String(d) : `${Object.is(d, -0) ? "-" : ""}${d}.0`)),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.constantFrom("e", "E", "e+", "e-"), fc.integer({ min: 0, max: 300 })).map(([m, e, exp]) => `${m}${e}${exp}`),
);

/** Values a request can decode to: integers of any size, floats, strings, arrays and objects. */
const { value: jsonValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string(),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => (b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b)),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => new ErlangFloat(d)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
}));

describe("parseJsonText", () => {
  it("keeps integers exact and floats as floats", () => {
    expect(parseJsonText("1")).toBe(1);
    expect(parseJsonText("1.0")).toEqual(new ErlangFloat(1));
    expect(parseJsonText("1e3")).toEqual(new ErlangFloat(1000));
    expect(parseJsonText("1E+2")).toEqual(new ErlangFloat(100));
    expect(parseJsonText("12345678901234567890")).toBe(12345678901234567890n);
    expect(parseJsonText("-12345678901234567890123")).toBe(-12345678901234567890123n);
    expect(parseJsonText("9007199254740991")).toBe(9007199254740991);
    expect(parseJsonText("9007199254740992")).toBe(9007199254740992n);
    expect(Object.is(parseJsonText("-0"), 0)).toBe(true);
    expect(Object.is((parseJsonText("-0.0") as ErlangFloat).value, -0)).toBe(true);
    expect(parseJsonText("1e-400")).toEqual(new ErlangFloat(0));
    expect(parseJsonText(' {"a" : [1, 2.5, {"b": null}], "c": true} ')).toEqual({ a: [1, new ErlangFloat(2.5), { b: null }], c: true });
  });

  it("refuses a float beyond the double range, as RabbitMQ's decoder does", () => {
    expect(() => parseJsonText("1e400")).toThrow(SyntaxError);
    expect(() => parseJsonText("[-1e400]")).toThrow(SyntaxError);
  });

  it("keeps __proto__ as an ordinary key", () => {
    const o = parseJsonText('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it("takes nesting as deep as a body can hold", () => {
    const depth = 200_000;
    let v = parseJsonText(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    let n = 0;
    while (Array.isArray(v) && v.length > 0) [v, n] = [v[0]!, n + 1];
    expect(n).toBe(depth - 1);
  });

  it("accepts and refuses the same texts as JSON.parse", () => {
    const texts = ["", " ", "01", "1.", ".5", "-", "+1", "1e", "0x10", "[1,]", "{,}", '{"a":1,}', "[1 2]", '{"a" 1}', "nul", "truex", '"\\x"', '"\\u12"',
      '"a\nb"', "\"\u2028\"", '"\\ud800"', "[]]", "{}{}", "\ufeff1", "\u00a01", "1 ", "\t[\r\n]", '"\\/"', '{"a":{"b":[true,false,null]}}'];
    for (const t of texts) {
      let expected: unknown;
      try {
        expected = JSON.parse(t);
      } catch {
        expect(() => parseJsonText(t), JSON.stringify(t)).toThrow(SyntaxError);
        continue;
      }
      expect(plainJson(parseJsonText(t)), JSON.stringify(t)).toEqual(expected);
    }
  });

  it("agrees with JSON.parse on any JSON text, and on any other string", () => {
    fc.assert(fc.property(fc.json(), (t) => {
      expect(plainJson(parseJsonText(t))).toEqual(JSON.parse(t));
    }));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."[]{},:\"\\ 01-.eE5tfnrulsa") }), (t) => {
        let expected: unknown;
        try {
          expected = JSON.parse(t);
        } catch {
          expect(() => parseJsonText(t)).toThrow(SyntaxError);
          return;
        }
        expect(plainJson(parseJsonText(t))).toEqual(expected);
      }),
    );
  });
});

describe("erlangFloatText", () => {
  it("writes what the node's encoder writes", () => {
    expect(ERLANG_FLOATS.map(([n]) => [n, erlangFloatText(n)])).toEqual(ERLANG_FLOATS);
  });

  it("reads back as the same double, and always as a float", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const text = erlangFloatText(d);
        expect(Object.is(Number(text), d)).toBe(true);
        expect(text).toMatch(/^-?\d+\.\d+(e-?\d+)?$/);
      }),
    );
  });
});

describe("jsonText", () => {
  it("writes floats the Erlang way and integers in full", () => {
    const v = parseJsonText('{"c":1.0,"d":1e3,"f":12345678901234567890,"g":0.1,"h":1.5e-7,"i":-0.0,"n":-12345678901234567890123,"o":100.0,"r":0.000123}');
    expect(jsonText(v)).toBe('{"c":1.0,"d":1.0e3,"f":12345678901234567890,"g":0.1,"h":1.5e-7,"i":-0.0,"n":-12345678901234567890123,"o":100.0,"r":1.23e-4}');
    expect(jsonText({ rate: 0.5, tiny: 1e-7, huge: 1e21, n: 3, big: 2n ** 64n })).toBe('{"rate":0.5,"tiny":1.0e-7,"huge":1.0e21,"n":3,"big":18446744073709551616}');
  });

  it("is JSON.stringify for everything else", () => {
    const date = new Date(0);
    const v = { a: undefined, b: [undefined, () => 1, Symbol("s")], c: date, d: "x\u0000\"\\\ud800", e: Number.NaN, f: -0, g: { toJSON: () => "t" } };
    expect(jsonText(v)).toBe(JSON.stringify(v));
    expect(jsonText(undefined)).toBeUndefined();
    expect(jsonText(new ErlangFloat(2))).toBe("2.0");
    fc.assert(fc.property(fc.json(), (t) => {
      const plain: unknown = JSON.parse(t);
      // JSON.stringify writes 1e-7 where RabbitMQ writes 1.0e-7: both read back as the same value
      expect(JSON.parse(jsonText(plain)!)).toEqual(plain);
    }));
  });

  it("cannot be made to unwrap a client's string", () => {
    const s = `\u0000${"x".repeat(16)}1.0`;
    expect(JSON.parse(jsonText({ s })!)).toEqual({ s });
  });

  it("round-trips any number literal: integer or float, exact value", () => {
    fc.assert(
      fc.property(numberLiteral, (lit) => {
        const v = parseJsonText(lit);
        const again = parseJsonText(jsonText(v));
        expect(isJsonInteger(again)).toBe(!/[.eE]/.test(lit));
        if (isJsonInteger(v)) expect(BigInt(again as number | bigint)).toBe(BigInt(lit));
        else expect(Object.is((again as ErlangFloat).value, Number(lit))).toBe(true);
      }),
    );
  });

  it("round-trips any decoded value", () => {
    fc.assert(fc.property(jsonValue, (v) => {
      expect(parseJsonText(jsonText(v))).toEqual(v);
    }));
  });
});
