import { tableText, type CtlValue } from "./values.js";

/** Every field quoted, quotes doubled, TAB/LF kept raw inside the quotes (rabbitmqctl's csv). */
export const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const csvLine = (cells: readonly string[]): string => `${cells.map(csvField).join(",")}\n`;
export const csvRow = (row: readonly CtlValue[]): string => csvLine(row.map(tableText));
/** rabbitmqctl's csv of an empty plain list is two CRLF-terminated empty records and a newline. */
export const CSV_EMPTY_PLAIN_LIST = "\r\n\r\n\n";
