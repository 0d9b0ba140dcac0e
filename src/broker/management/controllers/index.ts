import type { Controller } from "../route.js";
import { alivenessController } from "./aliveness.js";
import { clusterNameController } from "./cluster-name.js";
import { extensionsController } from "./extensions.js";
import { featureFlagsController } from "./feature-flags.js";
import { healthController } from "./health.js";
import { nodesController } from "./nodes.js";
import { overviewController } from "./overview.js";
import { authAttemptsController } from "./auth-attempts.js";
import { permissionsController } from "./permissions.js";
import { topicPermissionsController } from "./topic-permissions.js";
import { userLimitsController } from "./user-limits.js";
import { usersController } from "./users.js";
import { whoamiController } from "./whoami.js";
import { queueActionsController } from "./queue-actions.js";
import { queuesController } from "./queues.js";
import { bindingsController } from "./bindings.js";
import { channelsController } from "./channels.js";
import { connectionsController } from "./connections.js";
import { consumersController } from "./consumers.js";
import { definitionsController } from "./definitions.js";
import { exchangePublishController } from "./exchange-publish.js";
import { exchangesController } from "./exchanges.js";
import { globalParametersController } from "./global-parameters.js";
import { operatorPoliciesController } from "./operator-policies.js";
import { parametersController } from "./parameters.js";
import { policiesController } from "./policies.js";
import { vhostLimitsController } from "./vhost-limits.js";
import { vhostsController } from "./vhosts.js";

/** Every controller of the management API, one per resource; the router rejects duplicate routes. */
export const CONTROLLERS: readonly Controller[] = [
  whoamiController,
  overviewController, clusterNameController, nodesController, healthController, alivenessController, featureFlagsController, extensionsController,
  usersController,
  permissionsController,
  topicPermissionsController,
  userLimitsController,
  authAttemptsController,
  vhostsController, policiesController, operatorPoliciesController, parametersController, globalParametersController, vhostLimitsController,
  queuesController, queueActionsController, exchangesController, exchangePublishController, bindingsController,
  connectionsController, channelsController, consumersController,
  definitionsController,
];
