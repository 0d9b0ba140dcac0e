import { z } from "zod";
import { HttpError, keysMissing } from "../http-error.js";
import type { Controller } from "../route.js";
import { noContent, ok } from "../route.js";

const ClusterNameBody = z.object({ name: z.unknown() });

/** GET/PUT /api/cluster-name: the name clients see in connection.start; it defaults to the node name. */
export const clusterNameController: Controller = [
  { method: "GET", path: "/cluster-name", access: "management", handler: (ctx) => ok({ name: ctx.broker.node.clusterName }) },
  {
    method: "PUT",
    path: "/cluster-name",
    access: "administrator",
    handler: (ctx) => {
      const body = ClusterNameBody.safeParse(ctx.body ?? {});
      if (!body.success || body.data.name === undefined) throw keysMissing(["name"]);
      // RabbitMQ fails a non-string name with an empty 500
      if (typeof body.data.name !== "string") throw new HttpError(500, undefined);
      ctx.broker.node.clusterName = body.data.name;
      return noContent();
    },
  },
];
