import type { MessageTemplate } from "../message-table.ts";

export const verifyMessages = {
} as const satisfies Record<string, MessageTemplate>;
