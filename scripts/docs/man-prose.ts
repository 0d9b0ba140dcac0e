// The fixed sections of warrenctl(8): everything that does not come from a command's registry entry.
import { ExitCode } from "../../src/cli/exit-codes.js";
import { FORMATTERS } from "../../src/cli/types.js";
import { bullets, esc, md, paras, verbatim } from "./roff.js";

export const DESCRIPTION = [
  ...paras([
    "**warrenctl** administers a RabbitMQ node, or a warren-server, through the node's management HTTP API. It takes the command names, arguments, switches and global options of **rabbitmqctl** 3.10 and prints what rabbitmqctl prints for the same command line, so scripts written for rabbitmqctl can run it unchanged. It needs no Erlang runtime and no Erlang cookie: any machine that can reach the management API (port 15672 by default) and log in to it can use it.",
    "Options may come before or after the command name. Long options take their value as **--name value** or **--name=value**; boolean options also accept **--name=false** and **--no-name**; single-letter boolean options combine (**-qs**). A lone **--** ends the options: every later word is an argument.",
    "**warrenctl help** lists the commands by section; **warrenctl help** __command__ (or __command__ **--help**) prints one command's usage, arguments and the general options.",
  ]),
  ".SS \"Choosing the management API\"",
  ...paras(["Each setting is taken from the first of these that has it:"]),
  ".IP 1. 4",
  md("the command line: **--url**, **--username**, **--password**, **--cacert**, **--insecure**; **-n** __name@host__ without **--url** means the config file's entry for that node if there is one, else **http://**__host__**:15672**;"),
  ".IP 2. 4",
  md("the environment: **WARRENCTL_URL**, **WARRENCTL_USERNAME**, **WARRENCTL_PASSWORD**, **WARRENCTL_CACERT**, **WARRENCTL_INSECURE**;"),
  ".IP 3. 4",
  md("the config file (see FILES): the entry for the node under **nodes**, then the top-level keys;"),
  ".IP 4. 4",
  md("the defaults: **http://127.0.0.1:15672** as **guest**/**guest**."),
  ".PP",
  md("A user name and password written in a URL (**https://**__user__**:**__password__**@**__host__**:15671**) count as given where the URL was given. The node name shown in messages is **-n**, else **WARRENCTL_NODE**, else **RABBITMQ_NODENAME**, else **rabbit@**__short host name__; a name without **@** gets **@**__host name__ appended, as with rabbitmqctl. Passwords never appear in output or error messages."),
];

const FORMATTER_TEXT: Record<string, string> = {
  table: "the default of the list commands: a header row, then one row per line, cells separated by one TAB, values neither quoted nor escaped. **--no-table-headers** (or **-s**) drops the header row; **--pad-to-header** pads each cell with spaces to its column name's width. The header row appears only when there is at least one row.",
  json: "lists print a **[** line, one object per line with a leading comma from the second row on, and a **]** line; an empty list prints **[** and **]** on two lines, or **[]** for commands that rabbitmqctl does not stream (permissions, policies, parameters). A single result is one object on one line. Non-ASCII text is kept as UTF-8. No banner.",
  json_stream: "one JSON object per row, each followed by an empty line; no brackets, no banner.",
  csv: "a header record, then one record per row; every field is double-quoted and inner quotes are doubled; TAB and newline stay raw inside the quotes. No banner.",
  pretty_table: "a boxed table drawn with the terminal's DEC line-drawing characters, the header in bold and a rule between rows. Non-ASCII text keeps the columns aligned (rabbitmqctl crashes on it).",
  erlang: "the result as an Erlang term, laid out as Erlang's **~p** prints it.",
  string: "each row as an Elixir keyword list on its own line.",
  inspect: "the rows as Elixir's **inspect** shows them.",
  string_per_line: "like **string**, one row per line.",
  report: "the sectioned layout of the **report** command (the only formatter it accepts).",
};

export const OUTPUT_FORMATS = [
  ...paras([
    "**--formatter** __name__ picks the output format (the name is case-insensitive). Banners (\"Listing users ...\") go to standard output before the result with **table**, **pretty_table**, **erlang**, **string** and **inspect**; **-q** and **-s** suppress them. Errors go to standard error. Bold text is written with ANSI escapes even when standard output is not a terminal, as rabbitmqctl does; set **NO_COLOR** to turn them off.",
  ]),
  ...FORMATTERS.flatMap((f) => [".TP", `\\fB${esc(f)}\\fR`, md(FORMATTER_TEXT[f] ?? "accepted for compatibility with rabbitmqctl command lines.")]),
];

const EXIT_TEXT: Record<number, string> = {
  [ExitCode.ok]: "success (also **help**, **--help** and **--dry-run**).",
  [ExitCode.usage]: "usage error: no or unknown command, wrong number of arguments, unknown option or invalid option value, unknown column, unknown formatter.",
  [ExitCode.dataErr]: "data error: the virtual host does not exist (for most commands), authentication of a user failed, a password was not given, or the node name is invalid.",
  [ExitCode.noUser]: "the user does not exist.",
  [ExitCode.unavailable]: "the node's management API is unreachable, an operation failed on the server, or the node does not offer the operation (extension commands against RabbitMQ).",
  [ExitCode.software]: "internal error, or a failure rabbitmqctl also reports with 70 (such as adding a user that exists).",
  [ExitCode.tempFail]: "the **--timeout** ran out.",
  [ExitCode.noPerm]: "the management API refused the credentials (HTTP 401).",
  [ExitCode.config]: "configuration error: unreadable config file or CA file, or an invalid management API URL.",
};

export const EXIT_STATUS = [
  ...paras(["The exit codes are the sysexits(3) values that rabbitmqctl uses, so scripts can tell failures apart:"]),
  ...Object.values(ExitCode).flatMap((code) => [".TP", `\\fB${code}\\fR`, md(EXIT_TEXT[code] ?? "")]),
];

const env = (name: string, text: string): string[] => [".TP", `\\fB${esc(name)}\\fR`, md(text)];
export const ENVIRONMENT = [
  ...env("WARRENCTL_URL", "management API base URL, such as **https://mq1.example.com:15671**; may carry __user__**:**__password__**@**."),
  ...env("WARRENCTL_USERNAME", "management API user."),
  ...env("WARRENCTL_PASSWORD", "management API password; safer than **--password**, which other local users can see in the process list."),
  ...env("WARRENCTL_CACERT", "PEM file of CA certificates to trust for https."),
  ...env("WARRENCTL_INSECURE", "**1**, **true**, **yes** or **on**: do not verify the server's TLS certificate."),
  ...env("WARRENCTL_NODE", "default node name instead of **rabbit@**__short host name__; it selects the config file's **nodes** entry and names the node in messages, but does not change the URL by itself."),
  ...env("WARRENCTL_CONFIG", "path of the config file; when set, the file must exist."),
  ...env("XDG_CONFIG_HOME", "base directory of the default config file (default **~/.config**)."),
  ...env("RABBITMQ_NODENAME", "default node name when **WARRENCTL_NODE** is not set, as for rabbitmqctl."),
  ...env("NO_COLOR", "when set and not empty, no ANSI bold escapes are written."),
];

export const FILES = [
  ".TP",
  md("__$XDG_CONFIG_HOME__**/warren/warrenctl.json** (default **~/.config/warren/warrenctl.json**)"),
  md("Optional JSON settings. The keys **url**, **username**, **password**, **cacert** and **insecure** may appear at the top level (for every node) and under **nodes**, keyed by full node name. A missing default file is ignored. Keep the file private (mode 600) when it holds passwords. Example:"),
  ...verbatim([
    "{",
    '  "username": "admin",',
    '  "password": "change-me",',
    '  "nodes": {',
    '    "rabbit@mq1": {',
    '      "url": "https://mq1.example.com:15671",',
    '      "cacert": "/etc/ssl/mq-ca.pem"',
    "    },",
    '    "rabbit@lab": {',
    '      "url": "http://lab.example.com:15672",',
    '      "username": "guest", "password": "guest"',
    "    }",
    "  }",
    "}",
  ]),
  ".IP",
  md("With it, **warrenctl -n rabbit@mq1 list_queues** uses https with the given CA, and **warrenctl -n rabbit@lab list_users** logs in as guest."),
];

const example = (cmd: string, text: string): string[] => [".TP", `\\fB${esc(cmd)}\\fR`, md(text)];
export const EXAMPLES = [
  ...example("warrenctl list_queues -p demo name messages consumers", "queues of the virtual host demo with three columns, TAB-separated."),
  ...example("warrenctl -n rabbit@mq1 list_users", "users of the node whose management API is at http://mq1:15672."),
  ...example("warrenctl --url https://mq1.example.com:15671 --cacert ca.pem list_vhosts", "the same over TLS, trusting the CA in ca.pem."),
  ...example("WARRENCTL_PASSWORD=secret warrenctl --username admin add_vhost qa", "a mutating command as a user other than guest, the password kept off the command line."),
  ...example("warrenctl list_exchanges -p demo name type --formatter json", "machine-readable output, one JSON object per exchange."),
  ...example("warrenctl help set_policy", "one command's usage and arguments."),
];

export const DIFFERENCES = [
  ...paras(["warrenctl aims to print what rabbitmqctl 3.10.8 prints, byte for byte, and to exit with the same code. Where working over HTTP makes that impossible, or where rabbitmqctl crashes, it differs as follows."]),
  ...bullets([
    "It speaks HTTP to the management API (the rabbitmq_management plugin must be enabled) instead of joining Erlang distribution: no epmd, no Erlang cookie, no local Erlang. **--erlang-cookie** and the other node-local rabbitmqctl options are accepted and ignored. The management user needs the tags the API asks for (**administrator** for most changes).",
    "Rows come in name order, as the management API sorts them; rabbitmqctl prints them in the server's internal table order. The rows themselves are the same.",
    "The API exposes no Erlang process ids: columns that hold pids (**pid**, **channel_pid**, **connection**, **owner_pid**, ...) show the connection or channel name, such as **127.0.0.1:34252 -> 127.0.0.1:5672 (1)**.",
    "The API gives queue, exchange and binding arguments and client properties as plain JSON, so their AMQP types are inferred: whole numbers in the 32-bit signed range are **signedint**, larger ones **long**, fractions **double**, strings **longstr**, true and false **bool**, objects **table**, arrays **array**, null **void**. A value declared with another type (a short int, a timestamp) shows the inferred one.",
    "Commands whose operation the HTTP API cannot express (stopping and starting the application, resetting, cluster membership, environment, runtime settings, ...) are served by warren-server as documented extensions, marked as such under COMMANDS. Against a RabbitMQ node they exit with 69, say that the node's management API does not offer the operation, and change nothing.",
    "Where rabbitmqctl 3.10.8 crashes with an Erlang or Elixir error (an unknown **--formatter** exits 1, **--formatter csv** on a message result, **pretty_table** with non-ASCII text), warrenctl renders the output or prints one clear error line with the matching exit code (64 for an unknown formatter).",
    "A node that cannot be reached is reported in one line naming the URL tried and the reason (refused, unknown host, TLS failure), instead of a diagnostics page about epmd and cookies.",
  ]),
];
