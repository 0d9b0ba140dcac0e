// cluster_status and ping against real rabbitmqctl; masked: maintenance status (HTTP lacks it), listener row order.
import { describe, it } from "vitest";
import { compare, crashFixed, MODE, REAL } from "./harness.js";

const MAINTENANCE = /status: (?:not under maintenance|unknown|.*marked for maintenance.*)$/gm;

/**
 * Against warren (COMPAT_TARGET=warren) the version line and the listeners are the node's own: other
 * versions, ports and bind address, and no clustering listener (a standalone warren node has none).
 */
const warrenMode = MODE === "warren";

/** Text: the maintenance word blanked and the Listeners rows sorted (in warren mode: versions and listeners blanked). */
function maskText(s: string): string {
  let masked = s.replace(MAINTENANCE, "status: <maintenance>");
  if (warrenMode) masked = masked.replace(/^(<node>|[^\s:]+@[^\s:]+): .* on Erlang .*$/gm, "$1: <versions>");
  return masked.replace(/(Listeners\u001b\[0m\n\n)((?:Node: [^\n]*\n)+)/, (_m, head: string, rows: string) =>
    head + (warrenMode ? "<listeners>\n" : rows.split("\n").filter(Boolean).sort().join("\n") + "\n"));
}

/** json: maintenance values blanked, each node's listeners sorted. */
function maskJson(s: string): string {
  if (!s.startsWith("{")) return s;
  const j = JSON.parse(s) as { maintenance_status?: Record<string, string>; listeners?: Record<string, { port: number }[]> };
  for (const k of Object.keys(j.maintenance_status ?? {})) j.maintenance_status![k] = "<maintenance>";
  for (const xs of Object.values(j.listeners ?? {})) xs.sort((a, b) => a.port - b.port);
  if (warrenMode) Object.assign(j, { listeners: "<listeners>", versions: "<versions>" });
  return `${JSON.stringify(j)}\n`;
}

describe.skipIf(!REAL)("compat: cluster_status", () => {
  for (const extra of [[], ["-q"], ["-s"]]) {
    it(`cluster_status ${extra.join(" ")}`, () => compare(["cluster_status", ...extra], { mask: maskText }).then(() => undefined));
  }
  it("cluster_status --formatter json", () => compare(["cluster_status", "--formatter", "json"], { mask: maskJson }).then(() => undefined));
  it("cluster_status with an argument (too many arguments)", () => compare(["cluster_status", "extra"]).then(() => undefined));
  it("cluster_status -t 0 (timeout before anything)", () => compare(["cluster_status", "-t", "0"]).then(() => undefined));
});

describe.skipIf(!REAL)("compat: ping", () => {
  for (const extra of [[], ["-q"], ["-s"], ["--formatter", "json"], ["--formatter", "erlang"], ["-t", "5"]]) {
    it(`ping ${extra.join(" ")}`, () => compare(["ping", ...extra]).then(() => undefined));
  }
  it("ping -t 0 fails after the banner", () => compare(["ping", "-t", "0"]).then(() => undefined));
  it("ping a node that does not exist", () => compare(["ping", "-n", "nosuchnode@localhost"]).then(() => undefined));
  it("ping with an argument", () => compare(["ping", "extra"]).then(() => undefined));
  it("ping --formatter csv: rabbitmqctl crashes, warrenctl prints the sentence as csv", () =>
    crashFixed(["ping", "--formatter", "csv"], { stdout: '"message"\n"Ping succeeded"\n', stderr: "", code: 0 }));
});
