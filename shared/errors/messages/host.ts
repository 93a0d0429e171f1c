import type { MessageTemplate } from "../message-table.ts";

export const hostMessages = {
} as const satisfies Record<string, MessageTemplate>;
