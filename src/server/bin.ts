import { parseArgs } from "node:util";
import { startBroker } from "../broker/server.js";

// This bundle doubles as the package entry (`import { startBroker } from "warren"`); importing it starts nothing.
export * from "../index.js";

const USAGE = "usage: warren-server [--amqp-port N] [--host ADDRESS]";

/** warren-server: run a broker until SIGTERM/SIGINT, then close clients with 320 CONNECTION_FORCED. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  let values: { "amqp-port"?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { "amqp-port": { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 64;
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values["amqp-port"] === undefined ? 5672 : Number(values["amqp-port"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`invalid --amqp-port: ${values["amqp-port"]}\n${USAGE}\n`);
    return 64;
  }
  const broker = await startBroker({ amqpPort: port, ...(values.host === undefined ? {} : { host: values.host }) });
  process.stdout.write(`warren-server: AMQP listening on ${values.host ?? "127.0.0.1"}:${broker.amqpPort}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await broker.close();
  return 0;
}
