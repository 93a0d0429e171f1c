import type { MessageTemplate } from "../message-table.ts";

export const tokenMessages = {
} as const satisfies Record<string, MessageTemplate>;
