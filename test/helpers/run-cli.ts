import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/pipeline.js";

export interface Run { stdout: string; stderr: string; code: number }

const BIN = resolve(import.meta.dirname, "../../bin/warrenctl.cjs");

/** A directory holding warrenctl under the name `rabbitmqctl`, so both print the same program name. */
let aliasDir: string | undefined;
export function warrenAsRabbitmqctl(): string {
  if (!aliasDir) {
    aliasDir = mkdtempSync(join(tmpdir(), "warrenctl-alias-"));
    mkdirSync(aliasDir, { recursive: true });
    symlinkSync(BIN, join(aliasDir, "rabbitmqctl"));
  }
  return join(aliasDir, "rabbitmqctl");
}

export function spawnRun(cmd: string, args: readonly string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", rej);
    child.on("close", (code) => res({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), code: code ?? -1 }));
    child.stdin.end(opts.stdin ?? "");
  });
}

/** warrenctl as a child process (the built bundle), named rabbitmqctl. */
export const runWarren = (args: readonly string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> =>
  spawnRun(warrenAsRabbitmqctl(), args, opts);

/** warrenctl in-process with memory streams: fast, for unit and integration tests. */
export async function runInProcess(args: readonly string[], env: Record<string, string | undefined> = {}, prog = "warrenctl"): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { ...process.env, ...env },
  }, prog);
  return { stdout, stderr, code };
}
