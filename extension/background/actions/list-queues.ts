import type { QueueClass } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/** The archive's classes and how many of their records wait for the head and for the seal. */
export async function listQueues(
  deps: Pick<BackgroundDeps, "helpers">,
  namHoc: unknown,
): Promise<{ classes: QueueClass[] }> {
  const year = typeof namHoc === "string" && namHoc !== "" ? namHoc : undefined;
  return { classes: await deps.helpers.use((client) => client.queues(year)) };
}
