import type { MessageTemplate } from "../message-table.ts";

export const archiveMessages = {
} as const satisfies Record<string, MessageTemplate>;
