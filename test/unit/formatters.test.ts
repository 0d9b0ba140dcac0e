// Formatter output byte for byte, using the rabbitmqctl 3.10.8 captures in shared/reference/rabbitmqctl.md.
import { describe, expect, it } from "vitest";
import { makeBold } from "../../src/cli/ansi.js";
import { render } from "../../src/cli/format/render.js";
import { atom, erlangFloat, float, ip, jsonText, jsonValue, list, tableText, tuple, type AmqpTable, type CtlValue } from "../../src/cli/format/values.js";
import type { CommandOutput, FormatterName, Opts, Row } from "../../src/cli/types.js";

const BOLD = makeBold({});
const base: Opts = { node: "rabbit@vm", quiet: false, silent: false, tableHeaders: true, padToHeader: false, dryRun: false, longnames: false };

async function out(o: CommandOutput, formatter: FormatterName, opts: Partial<Opts> = {}, bold = BOLD): Promise<string> {
  let text = "";
  await render(o, formatter, { ...base, formatter, ...opts }, { write: (s: string) => (text += s) }, bold);
  return text;
}
const rows = (columns: string[], r: Row[], stream = true): CommandOutput => ({ kind: "rows", columns, rows: r, stream });
async function* slowly(r: Row[]): AsyncGenerator<Row> {
  for (const x of r) yield await Promise.resolve(x);
}

const USERS = rows(["user", "tags"], [
  ["bob", list([])],
  ["alice", list([atom("monitoring"), atom("management")])],
  ["guest", list([atom("administrator")])],
]);
const ODD_USERS = rows(["user", "tags"], [["üser✓", list([atom("tåg"), atom("t\tg")])], ['back\\slash"q', list([])], ["tab\tuser", list([])]]);

describe("table", () => {
  it("header, then TAB-separated rows, values raw", async () => {
    expect(await out(USERS, "table")).toBe("user\ttags\nbob\t[]\nalice\t[monitoring, management]\nguest\t[administrator]\n");
  });
  it("-s and --no-table-headers drop the header row", async () => {
    expect(await out(USERS, "table", { silent: true })).toBe("bob\t[]\nalice\t[monitoring, management]\nguest\t[administrator]\n");
    expect(await out(USERS, "table", { tableHeaders: false })).toBe("bob\t[]\nalice\t[monitoring, management]\nguest\t[administrator]\n");
  });
  it("--pad-to-header pads short cells to the column name", async () => {
    expect(await out(USERS, "table", { padToHeader: true })).toBe("user\ttags\nbob \t[]  \nalice\t[monitoring, management]\nguest\t[administrator]\n");
  });
  it("--pad-to-header counts characters as a reader sees them (graphemes)", async () => {
    const r = rows(["name", "type"], [["😀", "e\u0301"], ["ü", "x"]]);
    expect(await out(r, "table", { padToHeader: true, silent: true })).toBe("😀   \te\u0301   \nü   \tx   \n");
  });
  it("TABs, newlines, quotes and non-ASCII are not escaped", async () => {
    expect(await out(ODD_USERS, "table", { silent: true })).toBe('üser✓\t[tåg, t\tg]\nback\\slash"q\t[]\ntab\tuser\t[]\n');
  });
  it("empty values leave empty cells, a trailing one a trailing TAB", async () => {
    const r = rows(["name", "auto_delete", "policy"], [["", false, null], ["amq.direct", false, ""]]);
    expect(await out(r, "table", { silent: true })).toBe("\tfalse\t\namq.direct\tfalse\t\n");
  });
  it("an empty stream prints nothing, not even the header", async () => {
    expect(await out(rows(["name"], []), "table")).toBe("");
  });
  it("an empty plain list prints one empty line, also with -s", async () => {
    expect(await out(rows(["name"], [], false), "table")).toBe("\n");
    expect(await out(rows(["name"], [], false), "table", { silent: true })).toBe("\n");
  });
  it("streams rows from an async source", async () => {
    expect(await out({ kind: "rows", columns: ["name"], rows: slowly([["a"], ["b"]]), stream: true }, "table")).toBe("name\na\nb\n");
  });
});

describe("json", () => {
  it("streams: '[' line, rows, later rows with a leading comma, ']' line", async () => {
    expect(await out(USERS, "json")).toBe(
      '[\n{"user":"bob","tags":[]}\n,{"user":"alice","tags":["monitoring","management"]}\n,{"user":"guest","tags":["administrator"]}\n]\n',
    );
  });
  it("escapes like JSON, keeps non-ASCII raw", async () => {
    expect(await out(ODD_USERS, "json")).toBe(
      '[\n{"user":"üser✓","tags":["tåg","t\\tg"]}\n,{"user":"back\\\\slash\\"q","tags":[]}\n,{"user":"tab\\tuser","tags":[]}\n]\n',
    );
  });
  it("an empty stream is '[' and ']' on two lines", async () => {
    expect(await out(rows(["name"], []), "json")).toBe("[\n]\n");
  });
  it("an empty plain list is []", async () => {
    expect(await out(rows(["name"], [], false), "json")).toBe("[]\n");
  });
  it("ok and message results", async () => {
    expect(await out({ kind: "ok" }, "json")).toBe('{"node":"rabbit@vm","result":"ok"}\n');
    expect(await out({ kind: "message", text: "Success" }, "json")).toBe('{"message":"Success"}\n');
    expect(await out({ kind: "ok" }, "table")).toBe("");
  });
  it("json_stream: one object per row, each followed by an empty line", async () => {
    expect(await out(rows(["name"], [["a"], ["b"]]), "json_stream")).toBe('{"name":"a"}\n\n{"name":"b"}\n\n');
  });
});

describe("csv", () => {
  it("quotes every field and keeps the header even with -s", async () => {
    const expected = '"user","tags"\n"bob","[]"\n"alice","[monitoring, management]"\n"guest","[administrator]"\n';
    expect(await out(USERS, "csv")).toBe(expected);
    expect(await out(USERS, "csv", { silent: true })).toBe(expected);
  });
  it("doubles quotes; TAB and LF stay raw inside the quotes", async () => {
    const r = rows(["name", "description", "tags"], [["odd", "tab\there\nnewline and ü", "a,b"], ["x", 'say "hi"', ""]]);
    expect(await out(r, "csv")).toBe('"name","description","tags"\n"odd","tab\there\nnewline and ü","a,b"\n"x","say ""hi""",""\n');
  });
  it("renders values as the table does, then quotes them", async () => {
    const args: AmqpTable = { kind: "amqp_table", entries: [{ key: "n", type: "signedint", value: 1 }, { key: "x-match", type: "longstr", value: "all" }] };
    expect(await out(rows(["arguments", "durable"], [[args, true]]), "csv")).toBe('"arguments","durable"\n"[{""n"",1},{""x-match"",""all""}]","true"\n');
  });
  it("an empty plain list is two CRLF-terminated empty records and a newline", async () => {
    expect(await out(rows(["name"], [], false), "csv")).toBe("\r\n\r\n\n");
  });
  it("an empty stream prints nothing", async () => {
    expect(await out(rows(["name"], []), "csv")).toBe("");
  });
});

describe("pretty_table", () => {
  const on = "\u001b(0";
  const off = "\u001b(B";
  const x = `${on}x${off}`;
  it("draws with DEC line-drawing characters, bold header, a rule between rows", async () => {
    const r = rows(["name", "tracing"], [["odd", false], ["demo", false], ["/", false]]);
    expect(await out(r, "pretty_table")).toBe(
      `${on}lqqqqqqwqqqqqqqqqk${off}\n` +
        `${x} \u001b[1mname\u001b[0m ${x} \u001b[1mtracing\u001b[0m ${x}\n` +
        `${on}tqqqqqqnqqqqqqqqqu${off}\n${x} odd  ${x} false   ${x}\n` +
        `${on}tqqqqqqnqqqqqqqqqu${off}\n${x} demo ${x} false   ${x}\n` +
        `${on}tqqqqqqnqqqqqqqqqu${off}\n${x} /    ${x} false   ${x}\n` +
        `${on}mqqqqqqvqqqqqqqqqj${off}\n`,
    );
  });
  it("aligns non-ASCII text by characters, runs lists together, turns TABs into spaces", async () => {
    const r = rows(["name", "tags"], [["café-ü✓", list([atom("a"), atom("b")])], ["x", "t\tg"]]);
    expect(await out(r, "pretty_table", {}, makeBold({ NO_COLOR: "1" }))).toBe(
      `${on}lqqqqqqqqqwqqqqqqk${off}\n${x} name    ${x} tags ${x}\n` +
        `${on}tqqqqqqqqqnqqqqqqu${off}\n${x} café-ü✓ ${x} ab   ${x}\n` +
        `${on}tqqqqqqqqqnqqqqqqu${off}\n${x} x       ${x} t g  ${x}\n` +
        `${on}mqqqqqqqqqvqqqqqqj${off}\n`,
    );
  });
});

const TYPED: AmqpTable = {
  kind: "amqp_table",
  entries: [
    { key: "x-tbl", type: "table", value: { kind: "amqp_table", entries: [{ key: "a", type: "signedint", value: 1 }, { key: "b", type: "longstr", value: "two" }] } },
    { key: "x-arr", type: "array", value: { kind: "amqp_array", items: [{ type: "signedint", value: 1 }, { type: "longstr", value: "x" }] } },
    { key: "x-bool", type: "bool", value: true },
    { key: "x-neg", type: "signedint", value: -5 },
    { key: "x-big", type: "long", value: 1099511627776 },
    { key: "x-uni", type: "longstr", value: "ü" },
    { key: "x-dec", type: "decimal", value: { decimal: [2, 125] } },
    { key: "x-void", type: "void", value: null },
  ],
};

describe("value rendering", () => {
  const cases: [string, CtlValue, string, string][] = [
    // [what, value, table text, json text]
    ["atom", atom("running"), "running", '"running"'],
    ["empty atom", null, "", '""'],
    ["boolean", true, "true", "true"],
    ["integer", 42, "42", "42"],
    ["float with no fraction", float(1), "1.0", "1.0"],
    ["float", float(0.5), "0.5", "0.5"],
    ["list", list([atom("qa"), atom("prod")]), "[qa, prod]", '["qa","prod"]'],
    ["empty list", list([]), "[]", "[]"],
    ["2-tuple", tuple(atom("rabbit@vm"), atom("running")), "{rabbit@vm, running}", '["rabbit@vm","running"]'],
    ["list of 2-tuples", list([tuple(atom("rabbit@vm"), atom("running"))]), "[{rabbit@vm, running}]", '[["rabbit@vm","running"]]'],
    ["3-tuple", tuple(0, 9, 1), "{0,9,1}", "[0,9,1]"],
    ["IPv4 address", ip("127.0.0.1"), "127.0.0.1", "[0,0,0,0,0,65535,32512,1]"],
    ["IPv4-mapped IPv6 address", ip("::ffff:10.1.2.3"), "::ffff:10.1.2.3", "[0,0,0,0,0,65535,2561,515]"],
    [
      "AMQP table with every type",
      TYPED,
      '[{"x-tbl",[{"a",1},{"b","two"}]},{"x-arr",[1,"x"]},{"x-bool",true},{"x-neg",-5},{"x-big",1099511627776},{"x-uni","ü"},{"x-dec",{2,125}},{"x-void",undefined}]',
      '[["x-tbl","table",[["a","signedint",1],["b","longstr","two"]]],["x-arr","array",{"signedint":1,"longstr":"x"}],["x-bool","bool",true],["x-neg","signedint",-5],["x-big","long",1099511627776],["x-uni","longstr","ü"],["x-dec","decimal",[2,125]],["x-void","void","undefined"]]',
    ],
    ["empty AMQP table", { kind: "amqp_table", entries: [] }, "[]", "[]"],
  ];
  for (const [what, value, table, json] of cases) {
    it(`${what} in table and json`, () => {
      expect(tableText(value)).toBe(table);
      expect(jsonText(jsonValue(value))).toBe(json);
    });
  }

  // expected texts printed by Erlang/OTP 25 with io:format("~p", [F])
  it("floats print as Erlang's shortest form", () => {
    const erlang: [number, string][] = [
      [1, "1.0"], [0.5, "0.5"], [100, "100.0"], [1000, "1.0e3"], [1500, "1.5e3"], [123456, "123456.0"], [1e6, "1.0e6"],
      [0.001, "0.001"], [0.0001, "0.0001"], [1e-5, "1.0e-5"], [0.00012, "1.2e-4"], [1e21, "1.0e21"], [0.1, "0.1"],
      [0, "0.0"], [-1500, "-1.5e3"], [2.5e-7, "2.5e-7"], [12345678.9, "12345678.9"], [1 / 3, "0.3333333333333333"],
      [1e100, "1.0e100"], [5e-324, "5.0e-324"], [65536, "65536.0"], [12300, "1.23e4"],
      [2 ** 53, "9.007199254740992e15"], [2 ** 53 - 1, "9007199254740991.0"], [-0, "-0.0"],
    ];
    expect(erlang.map(([n]) => [n, erlangFloat(n)])).toEqual(erlang);
  });
});

describe("NO_COLOR", () => {
  it("any non-empty value turns the bold escapes off", () => {
    expect(makeBold({ NO_COLOR: "1" })("Usage")).toBe("Usage");
    expect(makeBold({})("Usage")).toBe("\u001b[1mUsage\u001b[0m");
    expect(makeBold({ NO_COLOR: "" })("Usage")).toBe("\u001b[1mUsage\u001b[0m");
  });
  it("pretty_table's header loses its bold", async () => {
    const text = await out(rows(["name"], [["a"]]), "pretty_table", {}, makeBold({ NO_COLOR: "yes" }));
    expect(text).not.toContain("\u001b[1m");
    expect(text).toContain(" name ");
  });
});
