import { readFileSync } from "node:fs";
import { homedir, hostname } from "node:os";
import { join } from "node:path";

/** Where and as whom warrenctl talks to a node's management API. */
export interface Target {
  /** Base URL without credentials, e.g. http://127.0.0.1:15672 */
  baseUrl: URL;
  username: string;
  password: string;
  /** PEM text of extra CA certificates for https. */
  ca?: string;
  insecure: boolean;
  /** The node name shown in messages ("rabbit@host"). */
  node: string;
}

export interface TargetFlags {
  node?: string;
  url?: string;
  username?: string;
  password?: string;
  cacert?: string;
  insecure?: boolean;
  longnames?: boolean;
}

/** A config file entry: `default` and per-node sections share this shape. */
interface ConfigEntry { url?: string; username?: string; password?: string; cacert?: string; insecure?: boolean }
interface ConfigFile extends ConfigEntry { nodes?: Record<string, ConfigEntry> }

export const DEFAULT_MANAGEMENT_PORT = 15672;

export function shortHostname(): string {
  return hostname().split(".")[0] ?? "localhost";
}

/** rabbitmqctl's node name rule: no "@" means "@<this host>". */
export function qualifyNode(node: string, longnames = false): string {
  if (node.includes("@")) return node;
  return `${node}@${longnames ? hostname() : shortHostname()}`;
}

/** The name head must be alphanumerics, "_" or "-" (rabbitmqctl refuses others with exit 65). */
export function nodeNameProblem(node: string): string | undefined {
  const head = node.split("@")[0] ?? "";
  if (!/^[A-Za-z0-9_-]+$/.test(head)) {
    return "Unsupported node name: node name head (the part before the @) is invalid. Only alphanumerics, _ and - characters are allowed.\nIf using FQDN node names, use the -l / --longnames argument";
  }
  return undefined;
}

export function configPath(env: Record<string, string | undefined>): string {
  if (env.WARRENCTL_CONFIG) return env.WARRENCTL_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "warren", "warrenctl.json");
}

function readConfig(path: string, explicit: boolean): ConfigFile {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as ConfigFile;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !explicit) return {};
    // JSON.parse's message quotes the file's text, which may hold a password
    throw new Error(`cannot read the warrenctl config file ${path}: ${code ?? (e instanceof SyntaxError ? "not valid JSON" : (e as Error).message)}`);
  }
}

const truthy = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : ["1", "true", "yes", "on"].includes(v.toLowerCase());

/**
 * Precedence: command-line flags, then environment (WARRENCTL_*), then the config file (its section for the
 * node, then its top level), then http://127.0.0.1:15672 as guest/guest. `-n rabbit@host` alone means
 * http://host:15672.
 */
export function resolveTarget(flags: TargetFlags, env: Record<string, string | undefined>): Target {
  const explicitConfig = Boolean(env.WARRENCTL_CONFIG);
  const file = readConfig(configPath(env), explicitConfig);
  const node = qualifyNode(flags.node ?? env.WARRENCTL_NODE ?? env.RABBITMQ_NODENAME ?? "rabbit", flags.longnames);
  const section: ConfigEntry = file.nodes?.[node] ?? {};
  const nodeHost = node.split("@")[1];
  // an explicit -n means that node's config entry, else its host's default port
  const fromNode = flags.node !== undefined && nodeHost ? section.url ?? `http://${nodeHost}:${DEFAULT_MANAGEMENT_PORT}` : undefined;
  const rawUrl = flags.url ?? fromNode ?? env.WARRENCTL_URL ?? section.url ?? file.url ?? `http://127.0.0.1:${DEFAULT_MANAGEMENT_PORT}`;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error(`invalid management API URL: ${redactUrl(rawUrl)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`invalid management API URL ${redactUrl(rawUrl)}: the scheme must be http or https`);
  }
  // credentials written in a URL rank where the URL came from: a config file's URL loses to the environment
  const urlFromFile = rawUrl !== flags.url && rawUrl !== env.WARRENCTL_URL;
  const urlUser = url.username ? decodeURIComponent(url.username) : undefined;
  const urlPass = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = "";
  url.password = "";
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/api$/, "");
  const caPath = flags.cacert ?? env.WARRENCTL_CACERT ?? section.cacert ?? file.cacert;
  let ca: string | undefined;
  if (caPath) {
    try {
      ca = readFileSync(caPath, "utf8");
    } catch (e) {
      throw new Error(`cannot read the CA file ${caPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return {
    baseUrl: url,
    username: flags.username ?? (urlFromFile ? undefined : urlUser) ?? env.WARRENCTL_USERNAME ?? (urlFromFile ? urlUser : undefined) ?? section.username ?? file.username ?? "guest",
    password: flags.password ?? (urlFromFile ? undefined : urlPass) ?? env.WARRENCTL_PASSWORD ?? (urlFromFile ? urlPass : undefined) ?? section.password ?? file.password ?? "guest",
    ...(ca !== undefined ? { ca } : {}),
    insecure: flags.insecure ?? truthy(env.WARRENCTL_INSECURE) ?? section.insecure ?? file.insecure ?? false,
    node,
  };
}

/** A URL fit to print: everything up to the last "@" removed, since a password may itself hold "@" or "/". */
export function redactUrl(raw: string): string {
  const at = raw.lastIndexOf("@");
  if (at === -1) return raw;
  return (/^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? "") + raw.slice(at + 1);
}
