// Validation and banners of the virtual-host, parameter and policy commands, in-process (no node needed).
import { describe, expect, it } from "vitest";
import { runInProcess } from "../../helpers/run-cli.js";
import { exProplist, exTerm, scanJson } from "../../../src/cli/commands/parameters/_raw-json.js";
import { splitTags } from "../../../src/cli/commands/virtual-hosts/add_vhost.js";

const ENV = { NO_COLOR: "1", WARRENCTL_URL: "http://127.0.0.1:9" };

/** --dry-run prints the banner only and never touches the node (port 9 would refuse). */
async function dryRun(args: string[]): Promise<string> {
  const r = await runInProcess([...args, "--dry-run"], ENV);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

async function usageError(args: string[]): Promise<string> {
  const r = await runInProcess(args, ENV);
  expect(r.code).toBe(64);
  expect(r.stdout).toBe("");
  return r.stderr.split("\n")[0]!;
}

describe("banners", () => {
  const cases: [string[], string][] = [
    [["add_vhost", "v1"], 'Adding vhost "v1" ...'],
    [["add_vhost", ""], 'Adding vhost "" ...'],
    [["delete_vhost", "v1"], 'Deleting vhost "v1" ...'],
    [["clear_vhost_limits"], 'Clearing vhost "/" limits ...'],
    [["clear_vhost_limits", "-p", "demo"], 'Clearing vhost "demo" limits ...'],
    [["list_vhost_limits"], 'Listing limits for vhost "/" ...'],
    [["list_vhost_limits", "--global", "-p", "demo"], "Listing limits for all vhosts ..."],
    [["restart_vhost", "-p", "demo", "-n", "rabbit@h1"], "Trying to restart vhost 'demo' on node 'rabbit@h1' ..."],
    [["set_vhost_limits", "-p", "demo", '{"max-connections": 100}'], 'Setting vhost limits to "{"max-connections": 100}" for vhost "demo" ...'],
    [["set_vhost_tags", "v1"], 'Setting tags for virtual host "v1" to [] ...'],
    [["set_vhost_tags", "v1", "a,b", " c "], 'Setting tags for virtual host "v1" to [a,b,  c ] ...'],
    [["trace_on", "-p", "demo"], 'Starting tracing for vhost "demo" ...'],
    [["trace_off", "extra", "args"], 'Stopping tracing for vhost "/" ...'],
    [["clear_global_parameter", "g1"], 'Clearing global runtime parameter "g1" ...'],
    [["clear_parameter", "-p", "demo", "vhost-limits", "limits"], 'Clearing runtime parameter "limits" for component "vhost-limits" on vhost "demo" ...'],
    [["list_global_parameters"], "Listing global runtime parameters ..."],
    [["list_parameters", "-p", "demo"], 'Listing runtime parameters for vhost "demo" ...'],
    [["set_global_parameter", "g1", '"str"'], 'Setting global runtime parameter "g1" to ""str"" ...'],
    [["set_parameter", "c", "n", "{}"], 'Setting runtime parameter "n" for component "c" to "{}" in vhost "/" ...'],
    [["clear_operator_policy", "-p", "demo", "op"], 'Clearing operator policy "op" on vhost "demo" ...'],
    [["clear_policy", "p2"], 'Clearing policy "p2" on vhost "/" ...'],
    [["list_operator_policies", "-p", "demo"], 'Listing operator policy overrides for vhost "demo" ...'],
    [["list_policies"], 'Listing policies for vhost "/" ...'],
    [["set_policy", "-p", "demo", "p2", "^d\\.", '{"max-length":5}'], 'Setting policy "p2" for pattern "^d\\." to "{"max-length":5}" with priority "0" for vhost "demo" ...'],
    [["set_policy", "p", ".*", "{}", "--priority", "-2", "--apply-to", "queues"], 'Setting policy "p" for pattern ".*" to "{}" with priority "-2" for vhost "/" ...'],
    [["set_operator_policy", "--priority=7", "op", "^q", "{}"], 'Setting operator policy override "op" for pattern "^q" to "{}" with priority "7" for vhost "/" ...'],
  ];
  for (const [args, banner] of cases) {
    it(args.join(" "), async () => expect(await dryRun(args)).toBe(`${banner}\n`));
  }
  it("machine formatters and -q print no banner", async () => {
    expect(await dryRun(["add_vhost", "v", "--formatter", "json"])).toBe("");
    expect(await dryRun(["list_policies", "-q"])).toBe("");
    expect(await dryRun(["list_parameters", "-s"])).toBe("");
  });
});

describe("argument validation", () => {
  const tooMany: string[][] = [
    ["add_vhost", "a", "b"], ["delete_vhost", "a", "b"], ["clear_vhost_limits", "x"], ["list_vhost_limits", "x"],
    ["list_vhost_limits", "--global", "x"], ["restart_vhost", "x"], ["set_vhost_limits", "a", "b"],
    ["clear_global_parameter", "a", "b"], ["clear_parameter", "a", "b", "c"], ["list_global_parameters", "a"],
    ["list_parameters", "a"], ["set_global_parameter", "a", "b", "c"], ["set_parameter", "a", "b", "c", "d"],
    ["clear_operator_policy", "a", "b"], ["clear_policy", "a", "b"], ["list_operator_policies", "a"],
    ["list_policies", "a"], ["set_operator_policy", "a", "b", "c", "d"], ["set_policy", "a", "b", "c", "d"],
  ];
  for (const args of tooMany) {
    it(`${args.join(" ")}: too many`, async () => expect(await usageError(args)).toBe("Error (argument validation): too many arguments."));
  }
  const tooFew: string[][] = [
    ["add_vhost"], ["delete_vhost"], ["set_vhost_limits"], ["set_vhost_tags"], ["clear_global_parameter"],
    ["clear_parameter", "a"], ["set_global_parameter", "a"], ["set_parameter", "a", "b"], ["clear_operator_policy"],
    ["clear_policy"], ["set_operator_policy", "a", "b"], ["set_policy", "a", "b"],
  ];
  for (const args of tooFew) {
    it(`${args.join(" ")}: not enough`, async () => expect(await usageError(args)).toBe("Error (argument validation): not enough arguments."));
  }
  it("a non-integer --priority is an invalid option", async () => {
    const r = await runInProcess(["set_policy", "p", ".*", "{}", "--priority", "1.5"], ENV);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Error (argument validation): Invalid options for this command:\n--priority : 1.5\nArguments given:\n\tset_policy p .* {} --priority 1.5\n");
    expect(r.stderr).toContain("set_policy [--vhost <vhost>] [--priority <priority>] [--apply-to <apply-to>] <name> <pattern> <definition>\n");
  });
  it("--tags needs a value", async () => {
    const r = await runInProcess(["add_vhost", "v", "--tags"], ENV);
    expect(r.code).toBe(64);
    expect(r.stderr.split("\n").slice(0, 2)).toEqual(["Error (argument validation): Invalid options for this command:", "--tags : "]);
  });
  it("--global is list_vhost_limits' own switch", async () => {
    expect(await usageError(["list_policies", "--global"])).toBe("Error (argument validation): Invalid options for this command:");
  });
  it("-d is add_vhost's --description", async () => expect(await dryRun(["add_vhost", "v", "-d", "text"])).toBe('Adding vhost "v" ...\n'));
});

describe("failures found before any request", () => {
  it("set_vhost_limits: invalid JSON", async () => {
    const r = await runInProcess(["set_vhost_limits", "nope"], ENV);
    expect(r).toEqual({ code: 69, stdout: 'Setting vhost limits to "nope" for vhost "/" ...\n', stderr: "Error:\nJSON decoding error. Reason: badarg\n" });
  });
  it("set_policy: a definition that is not an object", async () => {
    const r = await runInProcess(["set_policy", "-q", "p", ".*", '"x"'], ENV);
    expect(r.code).toBe(69);
    expect(r.stderr).toBe(
      "Error:\n{{:badmap, \"x\"}, [{:maps, :to_list, [\"x\"], [file: 'maps.erl', line: 581, error_info: %{module: :erl_stdlib_errors}]}, {:rabbit_policy, :parse_set0, 8, [file: 'rabbit_policy.erl', line: 329]}, {:rabbit_policy, :parse_set, 7, []}]}\n",
    );
  });
  it("add_vhost: an empty name cannot be addressed over HTTP", async () => {
    const r = await runInProcess(["add_vhost", "", "-q"], ENV);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/^Error:\nwarrenctl cannot address a virtual host with an empty name/);
  });
  it("clear_parameter: policies are refused", async () => {
    const r = await runInProcess(["clear_parameter", "policy", "p"], ENV);
    expect(r.stderr).toBe("Error:\npolicies may not be cleared using this method\n");
    expect(r.code).toBe(69);
  });
});

describe("helpers", () => {
  it("scanJson keeps each value's source text", () => {
    const n = scanJson(' {"c": 1.0, "f":12345678901234567890, "s":"\\u00fc"} ');
    expect(n.t === "obj" && n.entries.map(([k, v]) => [k, v.raw])).toEqual([["c", "1.0"], ["f", "12345678901234567890"], ["s", '"\\u00fc"']]);
    expect(() => scanJson("1 2")).toThrow(SyntaxError);
    expect(() => scanJson("{'a':1}")).toThrow(SyntaxError);
  });
  it("exTerm prints decoded JSON as Elixir inspects it", () => {
    expect(exTerm(scanJson('[1,"a",{"k":1,"b":[2]},null,1.5,true]'))).toBe('[1, "a", %{"b" => [2], "k" => 1}, :null, 1.5, true]');
    expect(exProplist(scanJson('{"max-queues":9,"max-connections":-1}'))).toBe('[{"max-connections", -1}, {"max-queues", 9}]');
  });
  it("splitTags drops empty tags and trims", () => expect(splitTags(",a, b ,,c,")).toEqual(["a", "b", "c"]));
});
