import type { MessageTemplate } from "../message-table.ts";

export const extensionMessages = {
} as const satisfies Record<string, MessageTemplate>;
