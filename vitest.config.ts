import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run server code outside React's server environment; the marker's server build is empty.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: [
      "server/**/*.test.ts",
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default on a 2-core machine is one worker (cores - 1); the suites mostly wait on
    // fsync, sockets and child engines, so two files at a time fit the CI budget.
    maxWorkers: 2,
  },
});
