import type { MessageTemplate } from "../message-table.ts";

export const checkMessages = {
} as const satisfies Record<string, MessageTemplate>;
