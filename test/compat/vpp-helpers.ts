// State helpers for the virtual-host, parameter and policy compat suites (objects named t-vpp-*).
import { execFileSync } from "node:child_process";
import { http } from "./harness.js";

export const enc = encodeURIComponent;

/** Output variants every command is compared in. */
export const FORMATS: string[][] = [[], ["-q"], ["-s"], ["--formatter", "json"], ["--formatter", "csv"]];

/** Leading lines (banner, header, "[") kept in place when rows are compared as a set. */
export const headFor = (fmt: string[]): number => (fmt.length === 0 ? 2 : fmt[0] === "-s" ? 0 : 1);

export async function must(method: string, path: string, body?: unknown): Promise<void> {
  const r = await http(method, path, body);
  if (r.status >= 300 && !(method === "DELETE" && r.status === 404)) {
    throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export const deleteVhost = (name: string): Promise<void> => must("DELETE", `/api/vhosts/${enc(name)}`);

/** A fresh vhost (created over HTTP, so its tags are a list). */
export async function freshVhost(name: string, body: Record<string, unknown> = {}): Promise<void> {
  await deleteVhost(name);
  await must("PUT", `/api/vhosts/${enc(name)}`, body);
}

/** A GET's status and body, for snapshots. */
export async function read(path: string): Promise<unknown> {
  const r = await http("GET", path);
  return r.status === 404 ? 404 : r.body;
}

/** The vhost as the API shows it; tags as a list, since ctl's raw "a,b" string cannot be written over HTTP. */
export async function vhostState(name: string): Promise<unknown> {
  const r = await http("GET", `/api/vhosts/${enc(name)}`);
  if (r.status === 404) return 404;
  const v = r.body as Record<string, unknown>;
  const tags = typeof v.tags === "string" ? v.tags.split(",").filter((t) => t !== "") : v.tags;
  return { name: v.name, description: v.description, tags, tracing: v.tracing, default_queue_type: v.default_queue_type, cluster_state: v.cluster_state };
}

/** Stops a running vhost on the node (its supervisor), so restart_vhost has something to restart. */
export function stopVhost(name: string): void {
  const bin = JSON.stringify(name);
  const expr = `{ok, S} = rabbit_vhost_sup_sup:get_vhost_sup(<<${bin}/utf8>>), [W] = [P || {_, P, _, _} <- supervisor:which_children(rabbit_vhost_sup_sup), lists:keymember(S, 2, supervisor:which_children(P))], supervisor:terminate_child(rabbit_vhost_sup_sup, W).`;
  execFileSync("rabbitmqctl", ["eval", expr], { stdio: "ignore" });
}
