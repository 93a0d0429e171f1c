import type { MessageTemplate } from "../message-table.ts";

export const extractMessages = {
} as const satisfies Record<string, MessageTemplate>;
