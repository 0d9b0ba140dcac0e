/**
 * The protocol names health checks accept, as RabbitMQ normalises them (after lower-casing): version
 * spellings fold into the listener's protocol, short TLS and web names into RabbitMQ's listener names.
 * Anything else is looked up as given.
 */
const ALIASES: Readonly<Record<string, string>> = {
  amqp091: "amqp", "amqp0-9-1": "amqp", "amqp0.9.1": "amqp", amqp0_9_1: "amqp",
  amqp10: "amqp", "amqp1.0": "amqp", amqp1_0: "amqp",
  amqps: "amqp/ssl",
  "mqtt3.1": "mqtt", "mqtt3.1.1": "mqtt", mqtt311: "mqtt", mqtts: "mqtt/ssl",
  "stomp1.0": "stomp", "stomp1.1": "stomp", "stomp1.2": "stomp", stomps: "stomp/ssl",
  "web-mqtt": "http/web-mqtt", "web-mqtt/ssl": "https/web-mqtt",
  "web-stomp": "http/web-stomp", "web-stomp/ssl": "https/web-stomp",
  management: "http",
};

export function normaliseProtocol(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}
