import type { MessageTemplate } from "../message-table.ts";

export const signMessages = {
} as const satisfies Record<string, MessageTemplate>;
