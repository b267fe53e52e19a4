/** A bot as events carry it: plain JSON, dates as ISO 8601. */
export interface BotSnapshot {
  id: string;
  name: string;
  ownerId: string;
  exchange: string;
  symbol: string;
  strategy: string;
  config: Record<string, unknown>;
  status: string;
  createdAt: string;
  updatedAt: string;
}

declare module "../../src/events/types.js" {
  interface EventDataMap {
    "bot.created": { bot: BotSnapshot };
    "bot.updated": { bot: BotSnapshot; changed: string[] };
    "bot.status_changed": { bot: BotSnapshot; from: string; to: string; reason: string | null };
    "bot.deleted": { bot: BotSnapshot };
  }
}
