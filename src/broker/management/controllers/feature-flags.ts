import { badRequest, HttpError } from "../http-error.js";
import type { Controller } from "../route.js";
import { noContent, ok } from "../route.js";

interface FeatureFlag {
  readonly name: string;
  readonly desc: string;
  readonly doc_url: string;
  readonly provided_by: string;
}

/** RabbitMQ 3.10.8's feature flags; warren behaves as a node with all of them enabled. */
const FLAGS: readonly FeatureFlag[] = [
  { name: "classic_mirrored_queue_version", desc: "Support setting version for classic mirrored queues", doc_url: "", provided_by: "rabbit" },
  { name: "drop_unroutable_metric", desc: "Count unroutable publishes to be dropped in stats", doc_url: "", provided_by: "rabbitmq_management_agent" },
  { name: "empty_basic_get_metric", desc: "Count AMQP `basic.get` on empty queues in stats", doc_url: "", provided_by: "rabbitmq_management_agent" },
  { name: "implicit_default_bindings", desc: "Default bindings are now implicit, instead of being stored in the database", doc_url: "", provided_by: "rabbit" },
  { name: "maintenance_mode_status", desc: "Maintenance mode status", doc_url: "", provided_by: "rabbit" },
  { name: "quorum_queue", desc: "Support queues of type `quorum`", doc_url: "https://www.rabbitmq.com/quorum-queues.html", provided_by: "rabbit" },
  { name: "stream_queue", desc: "Support queues of type `stream`", doc_url: "https://www.rabbitmq.com/stream.html", provided_by: "rabbit" },
  { name: "user_limits", desc: "Configure connection and channel limits for a user", doc_url: "", provided_by: "rabbit" },
  { name: "virtual_host_metadata", desc: "Virtual host metadata (description, tags, etc)", doc_url: "", provided_by: "rabbit" },
];

const isJson = (contentType: string | undefined): boolean => (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";

/** GET /api/feature-flags and PUT /api/feature-flags/{name}/enable (enabling an enabled flag changes nothing). */
export const featureFlagsController: Controller = [
  {
    method: "GET",
    path: "/feature-flags",
    access: "administrator",
    handler: () => ok(FLAGS.map((f) => ({ name: f.name, desc: f.desc, doc_url: f.doc_url, state: "enabled", stability: "stable", provided_by: f.provided_by }))),
  },
  {
    method: "PUT",
    path: "/feature-flags/:name/enable",
    access: "administrator",
    handler: (ctx) => {
      // this route, unlike most, insists on a JSON content type (415 with an empty body otherwise)
      if (!isJson(ctx.req.headers["content-type"])) throw new HttpError(415, undefined);
      if (!FLAGS.some((f) => f.name === ctx.params.name)) throw badRequest("unsupported");
      return noContent();
    },
  },
];
