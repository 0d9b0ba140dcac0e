import { isUserLimitName } from "../../auth/user-limits.js";
import { isJsonInteger } from "../../json/json-value.js";
import { erlangTerm, noSuchUser, objectBody, requireJsonContentType, requireKeys, sortedListReply } from "../access-control-body.js";
import { badRequest, objectNotFound } from "../http-error.js";
import type { Controller, RequestContext } from "../route.js";
import { noContent } from "../route.js";

/** [{user, value: {limit: n}}] for the given users that have limits, by user name. */
function limitsOf(ctx: RequestContext, users: readonly string[]) {
  const rows = users.flatMap((user) => {
    const value = ctx.broker.userLimits.get(user);
    return Object.keys(value).length === 0 ? [] : [{ user, value }];
  });
  return sortedListReply(ctx, rows, ["user"], (r) => r);
}

/** PUT /api/user-limits/:user/:name {"value": n}: always 204; RabbitMQ's checks and wording, in its order. */
function putLimit(ctx: RequestContext) {
  requireJsonContentType(ctx);
  const body = objectBody(ctx);
  requireKeys(body, ["value"]);
  const name = ctx.params.name!;
  const value = body.value;
  if (!isUserLimitName(name)) throw badRequest(`Unrecognised terms [{${erlangTerm(name)},${erlangTerm(value)}}] in user-limits`);
  // an integer only: 2.0 is a float to RabbitMQ's decoder, and refused
  if (!isJsonInteger(value)) throw badRequest(`${name} should be a number, actually was ${erlangTerm(value)}`);
  const user = ctx.params.user!;
  if (!ctx.broker.users.has(user)) throw noSuchUser(user);
  ctx.broker.userLimits.set(user, name, value);
  return noContent();
}

/** /api/user-limits: any management user reads them; setting and clearing needs administrator. */
export const userLimitsController: Controller = [
  { method: "GET", path: "/user-limits", access: "management", handler: (ctx) => limitsOf(ctx, ctx.broker.userLimits.users()) },
  {
    method: "GET",
    path: "/user-limits/:user",
    access: "management",
    handler: (ctx) => {
      if (!ctx.broker.users.has(ctx.params.user!)) throw objectNotFound();
      return limitsOf(ctx, [ctx.params.user!]);
    },
  },
  { method: "PUT", path: "/user-limits/:user/:name", access: "administrator", handler: putLimit },
  {
    method: "DELETE",
    path: "/user-limits/:user/:name",
    access: "administrator",
    handler: (ctx) => {
      // RabbitMQ crashes (500) on an unknown user here; a 404 says the same more usefully
      if (!ctx.broker.users.has(ctx.params.user!)) throw objectNotFound();
      ctx.broker.userLimits.clear(ctx.params.user!, ctx.params.name!);
      return noContent();
    },
  },
];
