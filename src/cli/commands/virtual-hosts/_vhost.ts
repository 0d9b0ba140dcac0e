// Helpers of the virtual-host commands: reading a vhost, and rabbitmqctl's shapes for text results.
import { p, type ManagementClient } from "../../../api/client.js";
import type { CommandOutput, Opts } from "../../types.js";

export interface Vhost {
  name: string;
  description?: string;
  tags?: unknown;
  tracing?: boolean;
  cluster_state?: Record<string, string>;
}

/** The vhost, or undefined when missing; "" is never addressable (its path is the list's). */
export const findVhost = (api: ManagementClient, name: string): Promise<Vhost | undefined> =>
  name === "" ? Promise.resolve(undefined) : api.find<Vhost>(p`/api/vhosts/${name}`);

/** A text result rabbitmqctl returns as {:ok, text}: printed even with -q; json wraps it with node and result. */
export function okText(text: string, opts: Opts): CommandOutput {
  return { kind: "value", text, json: { node: opts.node, result: "ok", value: text } };
}

/** A bare text result (restart_vhost): json {"message": text}. */
export function messageText(text: string, _opts: Opts): CommandOutput {
  return { kind: "message", text };
}
