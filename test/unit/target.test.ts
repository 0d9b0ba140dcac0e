// Which management API warrenctl talks to, and as whom: flags > environment > config file > defaults.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, redactUrl, resolveTarget, shortHostname, type TargetFlags } from "../../src/api/target.js";

const home = (): string => mkdtempSync(join(tmpdir(), "warrenctl-target-"));

/** An environment whose config file (if any) holds `config`; nothing from the real user leaks in. */
function envWith(config?: unknown, extra: Record<string, string> = {}): Record<string, string | undefined> {
  const h = home();
  if (config === undefined) return { HOME: h, ...extra };
  writeFileSync(join(h, "cfg.json"), typeof config === "string" ? config : JSON.stringify(config));
  return { HOME: h, WARRENCTL_CONFIG: join(h, "cfg.json"), ...extra };
}

const resolve = (flags: TargetFlags, env: Record<string, string | undefined>) => {
  const t = resolveTarget(flags, env);
  return { url: t.baseUrl.href, username: t.username, password: t.password, insecure: t.insecure, node: t.node, ca: t.ca };
};

const CONFIG = {
  url: "http://file-top:15672",
  username: "file-user",
  password: "file-pass",
  nodes: { "rabbit@mq1": { url: "https://mq1.example:15671", username: "mq1-user" }, "rabbit@lab": { url: "http://lab:15672" } },
};

describe("resolveTarget precedence", () => {
  it("defaults: http://127.0.0.1:15672 as guest/guest, node rabbit@<short host>", () => {
    expect(resolve({}, envWith())).toEqual({ url: "http://127.0.0.1:15672/", username: "guest", password: "guest", insecure: false, node: `rabbit@${shortHostname()}`, ca: undefined });
  });

  it("-n rabbit@host means that host's management API on 15672", () => {
    expect(resolve({ node: "rabbit@mq9" }, envWith())).toMatchObject({ url: "http://mq9:15672/", node: "rabbit@mq9" });
  });

  it("-n without @ gets this host appended", () => {
    expect(resolve({ node: "rabbit" }, envWith())).toMatchObject({ node: `rabbit@${shortHostname()}`, url: `http://${shortHostname()}:15672/` });
  });

  it("--url beats -n, the environment and the config file", () => {
    const env = envWith(CONFIG, { WARRENCTL_URL: "http://env:15672" });
    expect(resolve({ url: "http://flag:1", node: "rabbit@mq9" }, env).url).toBe("http://flag:1/");
  });

  it("-n beats WARRENCTL_URL (a flag beats the environment)", () => {
    expect(resolve({ node: "rabbit@mq9" }, envWith(undefined, { WARRENCTL_URL: "http://env:15672" })).url).toBe("http://mq9:15672/");
  });

  it("WARRENCTL_URL beats the config file", () => {
    expect(resolve({}, envWith(CONFIG, { WARRENCTL_URL: "http://env:15672" })).url).toBe("http://env:15672/");
  });

  it("the config file's top level beats the defaults", () => {
    expect(resolve({}, envWith(CONFIG))).toMatchObject({ url: "http://file-top:15672/", username: "file-user", password: "file-pass" });
  });

  it("-n picks the config file's entry for that node, URL included", () => {
    expect(resolve({ node: "rabbit@mq1" }, envWith(CONFIG))).toMatchObject({ url: "https://mq1.example:15671/", username: "mq1-user", password: "file-pass" });
  });

  it("WARRENCTL_NODE picks the config file's entry for that node", () => {
    expect(resolve({}, envWith(CONFIG, { WARRENCTL_NODE: "rabbit@lab" }))).toMatchObject({ url: "http://lab:15672/", node: "rabbit@lab" });
  });

  it("RABBITMQ_NODENAME names the node when WARRENCTL_NODE is unset", () => {
    expect(resolve({}, envWith(undefined, { RABBITMQ_NODENAME: "hare@box" })).node).toBe("hare@box");
    expect(resolve({}, envWith(undefined, { RABBITMQ_NODENAME: "hare@box", WARRENCTL_NODE: "rabbit@x" })).node).toBe("rabbit@x");
  });

  it("user and password: flag > environment > config file > guest", () => {
    const env = envWith(CONFIG, { WARRENCTL_USERNAME: "env-user", WARRENCTL_PASSWORD: "env-pass" });
    expect(resolve({ username: "flag-user", password: "flag-pass" }, env)).toMatchObject({ username: "flag-user", password: "flag-pass" });
    expect(resolve({}, env)).toMatchObject({ username: "env-user", password: "env-pass" });
  });

  it("WARRENCTL_INSECURE accepts 1/true/yes/on; --insecure=false beats it", () => {
    for (const v of ["1", "true", "yes", "on", "TRUE"]) expect(resolve({}, envWith(undefined, { WARRENCTL_INSECURE: v })).insecure).toBe(true);
    for (const v of ["0", "false", "no"]) expect(resolve({}, envWith(undefined, { WARRENCTL_INSECURE: v })).insecure).toBe(false);
    expect(resolve({ insecure: false }, envWith(undefined, { WARRENCTL_INSECURE: "1" })).insecure).toBe(false);
    expect(resolve({}, envWith({ insecure: true })).insecure).toBe(true);
  });

  it("--cacert, then WARRENCTL_CACERT, then the config file; the file's PEM text is loaded", () => {
    const dir = home();
    for (const n of ["flag", "env", "file"]) writeFileSync(join(dir, `${n}.pem`), `${n}-pem`);
    const env = envWith({ cacert: join(dir, "file.pem") }, { WARRENCTL_CACERT: join(dir, "env.pem") });
    expect(resolve({ cacert: join(dir, "flag.pem") }, env).ca).toBe("flag-pem");
    expect(resolve({}, env).ca).toBe("env-pem");
    expect(resolve({}, envWith({ cacert: join(dir, "file.pem") })).ca).toBe("file-pem");
  });

  it("a trailing /api or / is dropped; a path prefix is kept", () => {
    expect(resolve({ url: "http://h:15672/api/" }, envWith()).url).toBe("http://h:15672/");
    expect(resolve({ url: "https://h/rabbitmq/" }, envWith()).url).toBe("https://h/rabbitmq");
  });

  it("the default config file lives under XDG_CONFIG_HOME, else ~/.config; a missing one is ignored", () => {
    expect(configPath({ HOME: "/home/u" })).toBe("/home/u/.config/warren/warrenctl.json");
    expect(configPath({ HOME: "/home/u", XDG_CONFIG_HOME: "/xdg" })).toBe("/xdg/warren/warrenctl.json");
    expect(configPath({ WARRENCTL_CONFIG: "/etc/w.json" })).toBe("/etc/w.json");
    expect(() => resolveTarget({}, envWith())).not.toThrow();
  });

  it("a config file named by WARRENCTL_CONFIG must exist", () => {
    expect(() => resolveTarget({}, { HOME: home(), WARRENCTL_CONFIG: "/nonexistent/w.json" })).toThrow(/cannot read the warrenctl config file \/nonexistent\/w.json: ENOENT/);
  });
});

describe("credentials in the URL", () => {
  it("are taken out of the URL and used", () => {
    expect(resolve({ url: "http://admin:s3cret@h:15672" }, envWith())).toMatchObject({ url: "http://h:15672/", username: "admin", password: "s3cret" });
  });
  it("are percent-decoded", () => {
    expect(resolve({ url: "http://ad%3Amin:p%40ss%2Fw@h" }, envWith())).toMatchObject({ username: "ad:min", password: "p@ss/w" });
  });
  it("lose to an explicit --username/--password", () => {
    expect(resolve({ url: "http://admin:s3cret@h", username: "u", password: "p" }, envWith())).toMatchObject({ username: "u", password: "p" });
  });
  it("in WARRENCTL_URL beat the config file's user", () => {
    expect(resolve({}, envWith(CONFIG, { WARRENCTL_URL: "http://envu:envp@h" }))).toMatchObject({ username: "envu", password: "envp" });
  });
  it("in the config file's URL lose to WARRENCTL_USERNAME/WARRENCTL_PASSWORD", () => {
    const env = envWith({ url: "http://fileu:filep@h" }, { WARRENCTL_USERNAME: "env-user", WARRENCTL_PASSWORD: "env-pass" });
    expect(resolve({}, env)).toMatchObject({ username: "env-user", password: "env-pass" });
    expect(resolve({}, envWith({ url: "http://fileu:filep@h" }))).toMatchObject({ username: "fileu", password: "filep" });
  });
});

describe("secrets never appear in error messages", () => {
  const SECRET = "pa@ss-w0rd";
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("expected a failure");
  };
  const bad: [string, string][] = [
    ["an unparsable URL", "http://admin:hunter2@h:99999"],
    ["an unparsable URL whose password holds @", `http://admin:${SECRET}@h:99999`],
    ["a URL without a scheme", `admin:${SECRET}@h:15672`],
    ["a URL with another scheme", "ftp://admin:hunter2@h"],
  ];
  for (const [what, url] of bad) {
    it(what, () => {
      const m = message(() => resolveTarget({ url }, envWith()));
      expect(m).toMatch(/management API URL/);
      expect(m).not.toMatch(/hunter2|w0rd|admin/);
    });
  }
  it("an invalid config file", () => {
    const m = message(() => resolveTarget({}, envWith('{"username": "admin", "password": hunter2}')));
    expect(m).toMatch(/cannot read the warrenctl config file/);
    expect(m).not.toContain("hunter2");
  });
  it("redactUrl drops everything from the scheme to the last @", () => {
    expect(redactUrl(`http://admin:${SECRET}@h:1/x`)).toBe("http://h:1/x");
    expect(redactUrl("http://h:1/x")).toBe("http://h:1/x");
  });
});
