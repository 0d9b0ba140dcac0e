import type { AmqpListener } from "../../node/amqp-listener.js";
import { APP_MUST_RUN, done, op } from "./types.js";

/** An operation on the AMQP listener, which only a running application has. */
const listenerOp = (name: string, action: (l: AmqpListener) => Promise<void>) =>
  op({
    name,
    async run(ctx) {
      if (!ctx.broker.node.running) return APP_MUST_RUN;
      if (ctx.broker.node.amqp !== undefined) await action(ctx.broker.node.amqp);
      return done();
    },
  });

/** Client listeners stop accepting connections; open connections and the management API carry on. */
export const suspendListeners = listenerOp("suspend_listeners", (l) => l.suspend());
export const resumeListeners = listenerOp("resume_listeners", (l) => l.resume());
