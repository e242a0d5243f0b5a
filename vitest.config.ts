import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // Most test time is waiting on spawned CLIs and local servers, so even two cores run two files at once
    // (vitest's default of one fewer than the cores would run them one by one on a 2-core machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
