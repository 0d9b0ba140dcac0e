// A node with a data directory keeps its definitions in <dbDir>/metadata; this opens that store for a broker.
import { join } from "node:path";
import type { Broker } from "../broker.js";
import { openFileMetadataStore } from "../store/index.js";
import { MetadataPersistence } from "./metadata-persistence.js";

/** The metadata store's directory under the node's database directory (other stores keep their own). */
export const METADATA_DIR = "metadata";

/**
 * Loads the node's stored definitions into the broker (or stores its first-start ones) and persists every later
 * change; the node's definitionsDurable() then waits for those writes.
 */
export async function persistDefinitions(broker: Broker, dbDir: string): Promise<MetadataPersistence> {
  const log = broker.node.log;
  const store = openFileMetadataStore(join(dbDir, METADATA_DIR), { onWarning: (m) => log.warning(`metadata store: ${m}`) });
  const persistence = await MetadataPersistence.open(broker, store, log);
  broker.node.definitionsDurable = () => persistence.flushed();
  return persistence;
}
