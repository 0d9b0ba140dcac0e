// Request targets the router must never see: refused up front the way RabbitMQ's HTTP server (cowboy) refuses them.
import { HttpError, objectNotFound } from "./http-error.js";

/** A % not followed by two hex digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * The path after /api, checked: a malformed percent escape anywhere in the target is cowboy's empty 400; an empty
 * segment (`/api//queues`, `/api/queues//`) and a dot segment (`.`, `..`) name nothing, 404. One trailing slash is
 * allowed, as in RabbitMQ. (RabbitMQ resolves dot segments instead; warren refuses them so no path can step around the router.)
 */
export function checkedApiPath(target: string): string {
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  if (BAD_ESCAPE.test(target)) throw new HttpError(400, undefined);
  if (!rawPath.startsWith("/api/") && rawPath !== "/api") throw objectNotFound();
  const apiPath = rawPath.slice(4);
  const segments = apiPath.replace(/\/$/, "").split("/").slice(1);
  if (segments.some((s) => s === "" || s === "." || s === "..")) throw objectNotFound();
  return apiPath;
}
