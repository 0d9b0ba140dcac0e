import type { Method } from "../../protocol/index.js";
import { commandInvalid } from "../errors.js";
import { ack, cancel, consume, get, nack, qos, recover, reject } from "./basic-handler.js";
import type { Channel } from "./channel.js";
import { channelClose, channelCloseOk, channelFlow, channelOpenAgain } from "./channel-handler.js";
import { confirmSelect, txCommit, txRollback, txSelect } from "./confirm-tx-handler.js";
import { exchangeBind, exchangeDeclare, exchangeDelete, exchangeUnbind } from "./exchange-handler.js";
import { queueBind, queueDeclare, queueDelete, queuePurge, queueUnbind } from "./queue-handler.js";

/** Flat dispatch: one handler per client method on an open channel. */
export function handleChannelMethod(ch: Channel, m: Method): void {
  switch (m.name) {
    case "channel.open": return channelOpenAgain();
    case "channel.close": return channelClose(ch);
    case "channel.close-ok": return channelCloseOk(ch);
    case "channel.flow": return channelFlow(ch, m.args.active);
    case "channel.flow-ok": return;
    case "access.request": return ch.conn.output.method(ch.id, "access.request-ok", { ticket: 1 });
    case "exchange.declare": return exchangeDeclare(ch, m.args);
    case "exchange.delete": return exchangeDelete(ch, m.args);
    case "exchange.bind": return exchangeBind(ch, m.args);
    case "exchange.unbind": return exchangeUnbind(ch, m.args);
    case "queue.declare": return queueDeclare(ch, m.args);
    case "queue.bind": return queueBind(ch, m.args);
    case "queue.unbind": return queueUnbind(ch, m.args);
    case "queue.purge": return queuePurge(ch, m.args);
    case "queue.delete": return queueDelete(ch, m.args);
    case "basic.qos": return qos(ch, m.args);
    case "basic.consume": return consume(ch, m.args);
    case "basic.cancel": return cancel(ch, m.args);
    case "basic.get": return get(ch, m.args);
    case "basic.ack": return ack(ch, m.args);
    case "basic.reject": return reject(ch, m.args);
    case "basic.nack": return nack(ch, m.args);
    case "basic.recover":
    case "basic.recover-async": return recover(ch, m.args.requeue, m.name === "basic.recover");
    case "confirm.select": return confirmSelect(ch, m.args);
    case "tx.select": return txSelect(ch);
    case "tx.commit": return txCommit(ch);
    case "tx.rollback": return txRollback(ch);
    default:
      // RabbitMQ's words for any method a channel does not take (connection.update-secret there, a server-only method)
      throw commandInvalid("unimplemented method");
  }
}
