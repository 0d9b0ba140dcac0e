import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60000,
    hookTimeout: 120000,
    // compat files share one RabbitMQ node: files run one at a time so their states never interleave
    fileParallelism: false,
  },
});
