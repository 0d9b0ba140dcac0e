import { z } from "zod";
import { isLogLevel } from "../../node/log.js";
import { done, EXIT, op, refused } from "./types.js";

export const setLogLevel = op({
  name: "set_log_level",
  body: z.object({ level: z.string() }),
  run(ctx, body) {
    if (!isLogLevel(body.level)) return refused(EXIT.software, `level ${body.level} is not supported. Try one of debug, info, warning, error, critical, none`);
    ctx.broker.node.log.level = body.level;
    return done();
  },
});

/** Reopens the log file, so one an external logrotate moved away is replaced by a new file. */
export const rotateLogs = op({
  name: "rotate_logs",
  run(ctx) {
    ctx.broker.node.log.reopen();
    return done();
  },
});
