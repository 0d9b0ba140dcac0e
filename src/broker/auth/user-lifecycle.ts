import type { Broker } from "../broker.js";

/**
 * Deletes a user as RabbitMQ does: the record, their permissions, topic permissions and limits, and
 * their open connections (closed 320 CONNECTION_FORCED). Returns whether the user existed.
 */
export function deleteUser(broker: Broker, name: string): boolean {
  if (!broker.users.delete(name)) return false;
  broker.permissions.dropUser(name);
  broker.topicPermissions.dropUser(name);
  broker.userLimits.dropUser(name);
  for (const conn of broker.connections) {
    if (conn.user?.name === name) conn.close(320, `CONNECTION_FORCED - user '${name}' is deleted`);
  }
  return true;
}
