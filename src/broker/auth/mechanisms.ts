import { Reader } from "../../protocol/index.js";

/** In the order RabbitMQ 3.10 lists them in connection.start. */
export const MECHANISMS = "AMQPLAIN PLAIN";

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** Parses a start-ok response; undefined when the mechanism is unknown or the response malformed. */
export function parseCredentials(mechanism: string, response: Buffer): Credentials | undefined {
  if (mechanism === "PLAIN") return parsePlain(response);
  if (mechanism === "AMQPLAIN") return parseAmqplain(response);
  return undefined;
}

/** PLAIN (RFC 4616): authzid NUL authcid NUL passwd; the authzid is ignored as RabbitMQ does. */
function parsePlain(response: Buffer): Credentials | undefined {
  const first = response.indexOf(0);
  if (first < 0) return undefined;
  const second = response.indexOf(0, first + 1);
  if (second < 0) return undefined;
  return { user: response.toString("utf8", first + 1, second), password: response.toString("utf8", second + 1) };
}

/** AMQPLAIN: a field table's entries without the table's length prefix, holding LOGIN and PASSWORD. */
function parseAmqplain(response: Buffer): Credentials | undefined {
  const framed = Buffer.allocUnsafe(response.length + 4);
  framed.writeUInt32BE(response.length, 0);
  response.copy(framed, 4);
  try {
    const table = new Reader(framed).table();
    const login = table.get("LOGIN");
    const password = table.get("PASSWORD");
    if (login?.type !== "S" || password?.type !== "S") return undefined;
    return { user: login.value.toString("utf8"), password: password.value.toString("utf8") };
  } catch {
    return undefined;
  }
}
