import { MECHANISMS } from "../auth/mechanisms.js";
import { COMPAT_VERSION, WARREN_VERSION } from "../broker.js";

/** The exchange types, described as RabbitMQ describes them, in the order its node registry lists them. */
export const EXCHANGE_TYPES = ["fanout", "headers", "topic", "direct"].map((name) => ({
  name,
  description: `AMQP ${name} exchange, as per the AMQP specification`,
  enabled: true,
}));

const MECHANISM_TEXT: Record<string, string> = { AMQPLAIN: "QPid AMQPLAIN mechanism", PLAIN: "SASL PLAIN authentication mechanism" };

/** The SASL mechanisms connection.start offers. */
export const authMechanisms = (): { name: string; description: string; enabled: boolean }[] =>
  MECHANISMS.split(" ").map((name) => ({ name, description: MECHANISM_TEXT[name] ?? name, enabled: true }));

/**
 * What runs on the node, in RabbitMQ's {name, description, version} form. "rabbit" is the broker
 * application start_app/stop_app act on; its version is the RabbitMQ release whose behaviour warren reproduces.
 */
export const applications = (): { name: string; description: string; version: string }[] => [
  { name: "node", description: "Node.js runtime", version: process.versions.node },
  { name: "rabbit", description: "warren's AMQP 0-9-1 broker, compatible with RabbitMQ", version: COMPAT_VERSION },
  { name: "rabbitmq_management", description: "warren's management HTTP API, compatible with RabbitMQ Management", version: COMPAT_VERSION },
  { name: "warren", description: "warren, a RabbitMQ-compatible broker in TypeScript", version: WARREN_VERSION },
];

/** The management API is built in; RabbitMQ would list it as an explicitly enabled plugin. */
export const ENABLED_PLUGINS = ["rabbitmq_management"];

/** erlang_version's counterpart: warren runs on Node.js, so the runtime version reported is Node's. */
export const runtimeVersion = (): string => process.versions.node;

/** erlang_full_version's counterpart, laid out like the Erlang banner: runtime, engine, word size, event loop, TLS library. */
export const runtimeBanner = (): string =>
  `Node.js ${process.version} [v8-${process.versions.v8}] [${process.arch}] [libuv-${process.versions.uv}] [openssl-${process.versions.openssl}]`;
