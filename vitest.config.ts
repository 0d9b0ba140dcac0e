import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60000,
    hookTimeout: 120000,
    // compat files share one RabbitMQ node: files run one at a time so their states never interleave
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: "warren", include: ["test/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      // the compat suite again, with warrenctl pointed at a bundled broker built to the same state as the real node
      {
        extends: true,
        test: { name: "compat-on-warren", include: ["test/compat/**/*.test.ts"], env: { COMPAT_TARGET: "warren" }, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
