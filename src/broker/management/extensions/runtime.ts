import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { done, op } from "./types.js";

/** V8's full collector; exposing it at run time works without starting node with --expose-gc. */
function fullGc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

export const forceGc = op({
  name: "force_gc",
  run() {
    fullGc();
    return done();
  },
});
