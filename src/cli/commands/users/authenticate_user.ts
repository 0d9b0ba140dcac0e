import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { NO_PASSWORD, passwordFromStdin, sentence } from "./_user.js";

const BLANK = "attempted to log in with a blank password, which is prohibited by the internal authN backend. To use TLS/x509 certificate-based authentication, see the rabbitmq_auth_mechanism_ssl plugin and configure the client to use the EXTERNAL authentication mechanism. Alternatively change the password for the user to be non-blank.";

const refused = (name: string, why: string): CommandError =>
  new CommandError(ExitCode.dataErr, `Error: failed to authenticate user "${name}"\nuser '${name}' ${why}`);

export const authenticate_user: Command<void> = {
  name: "authenticate_user",
  section: "users",
  description: "Checks a user's credentials; the exit code is non-zero when they are refused",
  usage: "authenticate_user <username> <password>",
  usageAdditional: [
    ["<username>", "the user to check"],
    ["<password>", "the password to try; read from standard input when left out"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  secretArgs: [1],
  notes:
    "Checked through GET /api/whoami with the user's own credentials: a user the management API refuses for lack of a " +
    "management tag still counts as authenticated. User names containing ':' cannot be checked over HTTP Basic auth.",
  validate: (args) => arity(args, 1, 2),
  banner: ([name = ""]) => `Authenticating user "${name}" ...`,
  run: async ([name = "", given], opts, ctx) => {
    const password = given ?? (await passwordFromStdin(opts, ctx));
    if (password === undefined) throw new CommandError(ExitCode.software, NO_PASSWORD);
    if (password === "") throw refused(name, BLANK);
    const res = await ctx.api.raw("GET", "/api/whoami", { auth: { username: name, password } });
    const body = (typeof res.body === "object" && res.body !== null ? res.body : {}) as { error?: string; reason?: unknown };
    if (res.status !== 200 && res.status !== 401) throw new ApiError("GET", "/api/whoami", res.status, body.error, body.reason);
    const reason = body.reason;
    // a right password without a management tag is refused with "Not management user", not "Login failed"
    const ok = res.status === 200 || (res.status === 401 && reason === "Not management user");
    if (!ok) throw refused(name, "- invalid credentials");
  },
  output: (_none, opts) => sentence("Success", opts),
};
