import type { CommandOutput, FormatterName, Opts, Row } from "../types.js";
import { CSV_EMPTY_PLAIN_LIST, csvLine, csvRow } from "./csv.js";
import { prettyTable } from "./pretty-table.js";
import { tableLine } from "./table.js";
import { erlangRows, erlangValue, inspectRows, stringPerLineRows, stringRows } from "./terms.js";
import { jsonText, jsonValue } from "./values.js";

export interface Sink {
  write(chunk: string): unknown;
}

/** Machine formatters never print a banner, even without -q. */
export const MACHINE_FORMATTERS: ReadonlySet<FormatterName> = new Set(["json", "csv", "json_stream"]);

const rowObject = (columns: readonly string[], row: Row): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    o[c] = jsonValue(row[i] ?? null);
  });
  return o;
};

async function* iterate(rows: Iterable<Row> | AsyncIterable<Row>): AsyncGenerator<Row> {
  yield* rows as AsyncIterable<Row>;
}

/** Writes a command's result to stdout in the chosen formatter, streaming rows as they arrive. */
export async function render(out: CommandOutput, formatter: FormatterName, opts: Opts, sink: Sink, bold: (s: string) => string): Promise<void> {
  switch (out.kind) {
    case "ok":
      if (formatter === "json") sink.write(`${jsonText({ node: opts.node, result: "ok" })}\n`);
      return;
    case "message":
      if (formatter === "json" || formatter === "json_stream") sink.write(`${jsonText(out.json ?? { message: out.text })}\n`);
      else if (formatter === "csv") sink.write(csvLine(["message"]) + csvLine([out.text]));
      else sink.write(`${out.text}\n`);
      return;
    case "value":
      if (formatter === "json" || formatter === "json_stream") sink.write(`${jsonText(out.json)}\n`);
      else if (formatter === "csv") sink.write(out.csv ? csvLine(out.csv[0]) + out.csv[1].map(csvRow).join("") : csvLine(["value"]) + csvLine([out.text]));
      else if (formatter === "erlang") sink.write(`${erlangValue(out.json)}\n`);
      else sink.write(out.text.endsWith("\n") ? out.text : `${out.text}\n`);
      return;
    case "lines":
      for (const l of out.lines) sink.write(`${l}\n`);
      return;
    case "rows":
      return renderRows(out, formatter, opts, sink, bold);
  }
}

async function renderRows(
  out: Extract<CommandOutput, { kind: "rows" }>,
  formatter: FormatterName,
  opts: Opts,
  sink: Sink,
  bold: (s: string) => string,
): Promise<void> {
  const { columns, stream } = out;
  let count = 0;
  switch (formatter) {
    case "json": {
      for await (const row of iterate(out.rows)) {
        sink.write(`${count === 0 ? "[\n" : ","}${jsonText(rowObject(columns, row))}\n`);
        count++;
      }
      if (count > 0) sink.write("]\n");
      else sink.write(stream ? "[\n]\n" : "[]\n");
      return;
    }
    case "json_stream": {
      for await (const row of iterate(out.rows)) sink.write(`${jsonText(rowObject(columns, row))}\n\n`);
      return;
    }
    case "csv": {
      for await (const row of iterate(out.rows)) {
        if (count++ === 0) sink.write(csvLine(columns));
        sink.write(csvRow(row));
      }
      if (count === 0 && !stream) sink.write(CSV_EMPTY_PLAIN_LIST);
      return;
    }
    case "pretty_table": {
      const all: Row[] = [];
      for await (const row of iterate(out.rows)) all.push(row);
      if (all.length > 0) sink.write(prettyTable(columns, all, bold));
      else if (!stream) sink.write("\n");
      return;
    }
    case "erlang":
    case "string":
    case "inspect":
    case "string_per_line": {
      const all: Row[] = [];
      for await (const row of iterate(out.rows)) all.push(row);
      const text = formatter === "erlang" ? erlangRows(columns, all)
        : formatter === "string" ? stringRows(columns, all)
        : formatter === "inspect" ? inspectRows(columns, all)
        : stringPerLineRows(columns, all);
      if (text.length > 0) sink.write(text);
      else if (!stream) sink.write("\n");
      return;
    }
    default: {
      const headers = !opts.silent && opts.tableHeaders;
      for await (const row of iterate(out.rows)) {
        if (count++ === 0 && headers) sink.write(`${columns.join("\t")}\n`);
        sink.write(tableLine(row, columns, opts.padToHeader));
      }
      if (count === 0 && !stream) sink.write("\n");
    }
  }
}
