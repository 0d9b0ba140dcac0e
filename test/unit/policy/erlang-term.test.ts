// Erlang's ~p layout of decoded JSON terms; every expected text was printed by io_lib:format on OTP 25 (RabbitMQ 3.10.8's runtime).
import { describe, expect, it } from "vitest";
import { bin, formatNumber, formatTerm, fromJson, list, proplist, tuple, num } from "../../../src/broker/parameters/erlang-term.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe("formatTerm", () => {
  it("breaks a long property list one tuple per line", () => {
    const t = proplist([["a", { x: [1, 2] }], ["b", 1], ["c", "hello"], ["d", [104, 105]], ["e", null], ["f", true], ["g", 1.5]]);
    expect(formatTerm(t)).toBe('[{<<"a">>,#{<<"x">> => [1,2]}},\n {<<"b">>,1},\n {<<"c">>,<<"hello">>},\n {<<"d">>,"hi"},\n {<<"e">>,null},\n {<<"f">>,true},\n {<<"g">>,1.5}]');
  });

  it("indents continuation lines from the column the term starts at", () => {
    const t = proplist([["definition", { "max-length": 1 }], ["pattern", "^x"]]);
    expect(formatTerm(t, 19)).toBe('[{<<"definition">>,#{<<"max-length">> => 1}},\n                    {<<"pattern">>,<<"^x">>}]');
    expect(formatTerm(t, 0)).toBe('[{<<"definition">>,#{<<"max-length">> => 1}},{<<"pattern">>,<<"^x">>}]');
  });

  it("puts a long map value under its key, four columns in", () => {
    const t = fromJson({ aaaaaaaaaaaaaaaaaaaaaa: "b".repeat(80), c: 1, d: [1, 2, 3] });
    expect(formatTerm(t)).toBe(`#{<<"aaaaaaaaaaaaaaaaaaaaaa">> =>\n      <<"${"b".repeat(80)}">>,\n  <<"c">> => 1,\n  <<"d">> => [1,2,3]}`);
  });

  it("fills lines with atomic elements", () => {
    expect(formatTerm(fromJson(range(40)))).toBe("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,\n 29,30,31,32,33,34,35,36,37,38,39,40]");
    expect(formatTerm(fromJson([[1, 2, 3], ["long string number one", "long string number two", "three"], { a: { b: { c: "deeply nested value that is long" } } }]), 10)).toBe(
      '[[1,2,3],\n           [<<"long string number one">>,<<"long string number two">>,\n            <<"three">>],\n           #{<<"a">> =>\n                 #{<<"b">> =>\n                       #{<<"c">> => <<"deeply nested value that is long">>}}}]',
    );
  });

  it("nests broken tuples, lists and maps", () => {
    const t = proplist([
      ["key-number-one", range(30)],
      ["k2", { nested: ["a".repeat(15), "b".repeat(26), "c".repeat(24)] }],
    ]);
    const pad = (n: number) => " ".repeat(n);
    expect(formatTerm(t, 30)).toBe(
      `[{<<"key-number-one">>,\n${pad(32)}[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,\n${pad(33)}19,20,21,22,23,24,25,26,27,28,29,30]},\n${pad(31)}{<<"k2">>,\n${pad(32)}#{<<"nested">> =>\n${pad(38)}[<<"${"a".repeat(15)}">>,\n${pad(39)}<<"${"b".repeat(26)}">>,\n${pad(39)}<<"${"c".repeat(24)}">>]}}]`,
    );
  });

  it("prints strings, escapes and non-Latin-1 binaries as Erlang does", () => {
    const message = "\\k is not followed by a braced, angle-bracketed, or quoted name";
    const reason = tuple(list([...message].map((c) => num(c.charCodeAt(0)))), num(1));
    expect(formatTerm(reason, 54)).toBe(`{"\\\\k is not followed by a braced, angle-bracketed, or quoted name",\n${" ".repeat(55)}1}`);
    expect(formatTerm(proplist([["é€", "x"]]))).toBe('[{<<195,169,226,130,172>>,<<"x">>}]');
    expect(formatTerm(bin("é"))).toBe('<<"é">>');
    expect(formatTerm(bin('a"b\\c\n'))).toBe('<<"a\\"b\\\\c\\n">>');
    expect(formatTerm(fromJson([1, 2]))).toBe("[1,2]");
    expect(formatTerm(fromJson([]))).toBe("[]");
    expect(formatTerm(fromJson({}))).toBe("#{}");
    expect(formatTerm(bin(""))).toBe("<<>>");
  });

  it("writes floats in Erlang's shortest form", () => {
    expect(formatTerm(fromJson([0.1, 1.0e-5, 1.25e-4, 123456.5, -2.5e300, 100.5]))).toBe("[0.1,1.0e-5,1.25e-4,123456.5,-2.5e300,100.5]");
    expect(formatNumber(12345.678)).toBe("12345.678");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
  });
});
