import type { Controller } from "../route.js";
import { ok } from "../route.js";

/** GET /api/whoami: the caller's name and tags; rabbitmqctl's authenticate_user is emulated through it. */
export const whoamiController: Controller = [
  { method: "GET", path: "/whoami", access: "management", handler: (ctx) => ok({ name: ctx.user.name, tags: ctx.user.tags }) },
];
