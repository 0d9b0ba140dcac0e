import { fullGc } from "../../node/full-gc.js";
import { done, op } from "./types.js";

export const forceGc = op({
  name: "force_gc",
  run() {
    fullGc();
    return done();
  },
});
