import type { ParserSwitch } from "./argv.js";

export interface GlobalOptionDoc {
  short?: string;
  long: string;
  value?: string;
  description: string;
}

/** rabbitmqctl's global switches, plus warrenctl's own ways to reach a management API. */
export const GLOBAL_SWITCHES: ParserSwitch[] = [
  { name: "node", alias: "n", type: "string" },
  { name: "quiet", alias: "q", type: "boolean" },
  { name: "silent", alias: "s", type: "boolean" },
  { name: "dry-run", type: "boolean", key: "dryRun" },
  { name: "vhost", alias: "p", type: "string" },
  { name: "longnames", alias: "l", type: "boolean" },
  { name: "formatter", type: "string" },
  { name: "timeout", alias: "t", type: "integer" },
  { name: "help", alias: "?", type: "boolean" },
  { name: "version", type: "boolean" },
  // accepted for compatibility with rabbitmqctl invocations; they have no effect over HTTP
  { name: "print-stacktrace", type: "boolean", key: "printStacktrace" },
  { name: "erlang-cookie", type: "string", key: "erlangCookie" },
  { name: "script-name", type: "string", key: "scriptName" },
  { name: "rabbitmq-home", type: "string", key: "rabbitmqHome" },
  { name: "mnesia-dir", type: "string", key: "mnesiaDir" },
  { name: "plugins-dir", type: "string", key: "pluginsDir" },
  { name: "enabled-plugins-file", type: "string", key: "enabledPluginsFile" },
  { name: "aliases-file", type: "string", key: "aliasesFile" },
  { name: "printer", type: "string" },
  { name: "file", type: "string" },
  // warrenctl: where the management API is and how to log in
  { name: "url", type: "string" },
  { name: "username", type: "string" },
  { name: "password", type: "string" },
  { name: "cacert", type: "string" },
  { name: "insecure", type: "boolean" },
];

/** Contributed only when the effective formatter is table, as in rabbitmqctl. */
export const TABLE_SWITCHES: ParserSwitch[] = [
  { name: "table-headers", type: "boolean", key: "tableHeaders" },
  { name: "pad-to-header", type: "boolean", key: "padToHeader" },
];

/** Switch names whose values are secrets: never echoed in "Arguments given". */
export const SECRET_SWITCHES = new Set(["--password"]);

/** For the man page and `help`: what each global option does. */
export const GLOBAL_OPTION_DOCS: GlobalOptionDoc[] = [
  { short: "-?", long: "--help", description: "print help for the command and exit" },
  { short: "-n", long: "--node", value: "node", description: "target node; rabbit@host means the management API at http://host:15672" },
  { short: "-l", long: "--longnames", description: "qualify a bare node name with the full host name" },
  { short: "-t", long: "--timeout", value: "seconds", description: "operation timeout in seconds (integer)" },
  { short: "-q", long: "--quiet", description: "suppress informational messages (banners)" },
  { short: "-s", long: "--silent", description: "suppress banners and the table header row" },
  { short: "-p", long: "--vhost", value: "vhost", description: "virtual host for commands scoped to one (default /)" },
  { long: "--formatter", value: "name", description: "output format: table, json, csv, pretty_table, erlang, string, inspect, json_stream, string_per_line, report" },
  { long: "--no-table-headers", description: "with the table formatter, omit the header row" },
  { long: "--pad-to-header", description: "with the table formatter, pad each cell to its column name's width" },
  { long: "--dry-run", description: "print what would be done (the banner) and change nothing" },
  { long: "--url", value: "url", description: "management API base URL, e.g. https://user:pass@host:15671 (overrides -n)" },
  { long: "--username", value: "user", description: "management API user (default guest)" },
  { long: "--password", value: "password", description: "management API password (default guest); prefer WARRENCTL_PASSWORD" },
  { long: "--cacert", value: "file", description: "PEM file of CA certificates to trust for https" },
  { long: "--insecure", description: "do not verify the server's TLS certificate" },
];
