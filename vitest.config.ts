import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";
import { messageLocales } from "./scripts/build/message-locales-plugin.ts";

// Three projects: pure/Node code, extension code on WXT's fake browser, and real-browser e2e.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
      {
        // messageLocales: the English table that the pages load on demand (the tests keep both).
        plugins: [WxtVitest(), messageLocales()],
        test: {
          name: "extension",
          include: ["tests/extension/**/*.test.{ts,tsx}"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          pool: "forks",
        },
      },
    ],
  },
});
