import type { Controller } from "../route.js";
import { whoamiController } from "./whoami.js";

/** Every controller of the management API, one per resource; the router rejects duplicate routes. */
export const CONTROLLERS: readonly Controller[] = [whoamiController];
