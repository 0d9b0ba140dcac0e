import { COMPAT_VERSION, WARREN_VERSION } from "../../broker.js";
import { done, op } from "./types.js";

/** The node's configuration per application, as `rabbitmqctl environment` shows an application environment. */
export const environment = op({
  name: "environment",
  run: (ctx) => {
    const node = ctx.broker.node;
    const t = node.thresholds;
    return {
      ...done(),
      environment: {
        rabbit: {
          cluster_name: node.clusterName,
          disk_free_limit: "absolute" in t.disk ? t.disk.absolute : { mem_relative: t.disk.mem_relative },
          log_level: node.log.level,
          tcp_listeners: node.amqp === undefined ? [] : [{ ip: node.amqp.host, port: node.amqp.port }],
          version: COMPAT_VERSION,
          vm_memory_calculation_strategy: "rss",
          vm_memory_high_watermark: "relative" in t.memory ? t.memory.relative : { absolute: t.memory.absolute },
        },
        rabbitmq_management: { listener: node.httpPort === undefined ? [] : { ip: node.httpHost, port: node.httpPort } },
        warren: {
          config_files: node.configFiles,
          data_dir: node.paths?.dataDir ?? null,
          db_dir: node.paths?.dbDir ?? null,
          log_file: node.log.file ?? null,
          node_name: node.name,
          version: WARREN_VERSION,
        },
      },
    };
  },
});
