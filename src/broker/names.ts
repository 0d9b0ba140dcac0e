import { randomBytes } from "node:crypto";

/** RabbitMQ's server-generated names: a prefix and 16 random bytes as 22 base64url characters. */
export const generatedName = (prefix: "amq.gen-" | "amq.ctag-"): string => prefix + randomBytes(16).toString("base64url");
