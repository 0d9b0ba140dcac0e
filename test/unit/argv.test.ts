// The argv parser, case by case: rabbitmqctl's strict OptionParser behaviour that scripts rely on.
import { describe, expect, it } from "vitest";
import { parseArgv, type ParserSwitch } from "../../src/cli/argv.js";
import { GLOBAL_SWITCHES, TABLE_SWITCHES } from "../../src/cli/global-options.js";

const COMMAND_SWITCHES: ParserSwitch[] = [
  { name: "if-empty", alias: "e", type: "boolean" },
  { name: "if-unused", alias: "u", type: "boolean" },
  { name: "priority", type: "integer" },
  { name: "fraction", type: "float" },
];
const SWITCHES = [...GLOBAL_SWITCHES, ...TABLE_SWITCHES, ...COMMAND_SWITCHES];

interface Case {
  argv: string[];
  positional?: string[];
  values?: Record<string, unknown>;
  invalid?: [string, string | undefined][];
}

const CASES: Record<string, Case> = {
  "options before the command": { argv: ["-q", "-p", "demo", "list_queues"], positional: ["list_queues"], values: { quiet: true, vhost: "demo" } },
  "options after the command": { argv: ["list_queues", "-q", "-p", "demo"], positional: ["list_queues"], values: { quiet: true, vhost: "demo" } },
  "options between arguments": { argv: ["list_queues", "name", "--silent", "messages"], positional: ["list_queues", "name", "messages"], values: { silent: true } },
  "--x=v": { argv: ["--vhost=demo", "--node=rabbit@h", "x"], positional: ["x"], values: { vhost: "demo", node: "rabbit@h" } },
  "--x=v keeps later = signs": { argv: ["--vhost=a=b"], values: { vhost: "a=b" } },
  "--x v": { argv: ["--vhost", "demo"], values: { vhost: "demo" } },
  "--no-x turns a boolean off": { argv: ["--no-table-headers", "--no-quiet"], values: { tableHeaders: false, quiet: false } },
  "--no-x is unknown for a non-boolean": { argv: ["--no-vhost"], invalid: [["--no-vhost", undefined]] },
  "--flag=false": { argv: ["--quiet=false", "--silent=true"], values: { quiet: false, silent: true } },
  "--flag=maybe is a bad value": { argv: ["--quiet=maybe"], invalid: [["--quiet", "maybe"]] },
  "key maps a switch to its property": { argv: ["--dry-run", "--pad-to-header"], values: { dryRun: true, padToHeader: true } },
  "combined short booleans": { argv: ["-qs"], values: { quiet: true, silent: true } },
  "combined short with an unknown letter": { argv: ["-qx"], values: { quiet: true }, invalid: [["-x", undefined]] },
  "combined short cannot take a value": { argv: ["-qp", "demo"], positional: ["demo"], values: { quiet: true }, invalid: [["-p", undefined]] },
  "command aliases": { argv: ["delete_queue", "q", "-e", "-u"], positional: ["delete_queue", "q"], values: { "if-empty": true, "if-unused": true } },
  "-? asks for help": { argv: ["list_users", "-?"], positional: ["list_users"], values: { help: true } },
  "unknown switches are collected without their value": {
    argv: ["list_users", "--bogus=1", "-x", "--other"],
    positional: ["list_users"],
    invalid: [["--bogus", undefined], ["-x", undefined], ["--other", undefined]],
  },
  "an unknown switch does not swallow the next word": { argv: ["--bogus", "1"], positional: ["1"], invalid: [["--bogus", undefined]] },
  "bad integer after a short switch": { argv: ["list_users", "-t", "abc"], positional: ["list_users"], invalid: [["-t", "abc"]] },
  "bad integer with =": { argv: ["--timeout=1.5"], invalid: [["--timeout", "1.5"]] },
  "bad integer after a long switch": { argv: ["--priority", "high", "x"], positional: ["x"], invalid: [["--priority", "high"]] },
  "integers": { argv: ["-t", "5", "--priority=-3"], values: { timeout: 5, priority: -3 } },
  "floats": { argv: ["--fraction", "0.4"], values: { fraction: 0.4 } },
  "float with a leading dot": { argv: ["--fraction=.5"], values: { fraction: 0.5 } },
  "bad float": { argv: ["--fraction", "lots"], invalid: [["--fraction", "lots"]] },
  "a missing value at the end": { argv: ["list_users", "-p"], positional: ["list_users"], invalid: [["-p", undefined]] },
  "a missing long value at the end": { argv: ["--vhost"], invalid: [["--vhost", undefined]] },
  "short switch taking a value": { argv: ["-n", "rabbit@mq1", "-p", "/", "status"], positional: ["status"], values: { node: "rabbit@mq1", vhost: "/" } },
  "a short switch takes a dash-led value": { argv: ["-p", "-odd-"], values: { vhost: "-odd-" } },
  "-- ends the options": { argv: ["delete_queue", "--", "-e", "--if-unused"], positional: ["delete_queue", "-e", "--if-unused"], values: {} },
  "options before -- still count": { argv: ["-q", "add_user", "--", "-bob", "pw"], positional: ["add_user", "-bob", "pw"], values: { quiet: true } },
  "a negative number is an argument": { argv: ["await_online_nodes", "-1"], positional: ["await_online_nodes", "-1"] },
  "a lone - is an argument (stdin)": { argv: ["import_definitions", "-"], positional: ["import_definitions", "-"] },
  "the last repeat wins": { argv: ["-p", "a", "--vhost", "b"], values: { vhost: "b" } },
  "nothing": { argv: [] },
};

describe("parseArgv", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, () => {
      expect(parseArgv(c.argv, SWITCHES)).toEqual({ positional: c.positional ?? [], values: c.values ?? {}, invalid: c.invalid ?? [] });
    });
  }

  it("--no-table-headers is unknown when the table switches are not in play", () => {
    expect(parseArgv(["--no-table-headers"], GLOBAL_SWITCHES).invalid).toEqual([["--no-table-headers", undefined]]);
  });
});
