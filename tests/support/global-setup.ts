import type { TestProject } from "vitest/node";

/**
 * Runs once per test run. Later work adds the SoftHSM test token here (see make-test-token), and
 * passes its location to workers with project.provide / inject.
 */
export default function setup(_project: TestProject): void {}
