import type { z } from "zod";
import type { RequestContext } from "../route.js";

/** The reply contract warrenctl reads (src/cli/commands/nodes/_extension.ts): ok with an optional message and data, or an error with an exit code. */
export type ExtensionReply = Record<string, unknown>;

/** One node operation served at POST /api/warren/extensions/<name>. */
export interface ExtensionOp<Body = Record<string, unknown>> {
  readonly name: string;
  /** The request body; an empty body is {}. A body that does not fit is a 400 and changes nothing. */
  readonly body?: z.ZodType<Body>;
  run(ctx: RequestContext, body: Body): ExtensionReply | Promise<ExtensionReply>;
  /** Runs once the reply has gone out (shutdown stops the node only after answering). */
  afterReply?(ctx: RequestContext): void;
}

export const done = (message?: string): ExtensionReply => (message === undefined ? { result: "ok" } : { result: "ok", message });

/** rabbitmqctl's exit codes (sysexits) that node operations answer with. */
export const EXIT = { usage: 64, unavailable: 69, software: 70, tempFail: 75 } as const;

export const refused = (exitCode: number, error: string): ExtensionReply => ({ result: "error", exit_code: exitCode, error });

/** rabbitmqctl's answers when the broker application is in the wrong state for a command. */
export const APP_MUST_RUN = refused(EXIT.usage, "this command requires the 'rabbit' app to be running on the target node. Start it with 'rabbitmqctl start_app'.");
export const APP_MUST_BE_STOPPED = refused(EXIT.usage, "this command requires the 'rabbit' app to be stopped on the target node. Stop it with 'rabbitmqctl stop_app'.");
export const NODE_MUST_BE_STOPPED = refused(EXIT.usage, "this command requires the target node to be stopped.");

export const mnesiaRunning = (node: string): ExtensionReply =>
  refused(EXIT.software, `Mnesia is still running on node ${node}.\nPlease stop RabbitMQ with 'rabbitmqctl stop_app' first.`);

/** Declares an operation with its body type inferred from the schema. */
export const op = <Body>(o: ExtensionOp<Body>): ExtensionOp<Body> => o;
