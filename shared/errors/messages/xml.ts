import type { MessageTemplate } from "../message-table.ts";

export const xmlMessages = {
} as const satisfies Record<string, MessageTemplate>;
