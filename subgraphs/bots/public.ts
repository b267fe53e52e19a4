import type { AppConfig } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/orm.js";
import type { Logger } from "../../src/observability/logger.js";
import { Bot, type BotStatus } from "./bot.entity.js";

export { BotStatus } from "./bot.entity.js";

/** What another domain may know of a bot, read synchronously (ARCHITECTURE.md: public.ts). */
export interface BotFacts {
  id: string;
  ownerId: string;
  name: string;
  symbol: string;
  strategy: string;
  config: Readonly<Record<string, unknown>>;
  status: BotStatus;
}

/** Read-only queries on the bots subgraph's tables, for commands that must check a bot now. */
export interface BotReader {
  find(id: string): Promise<BotFacts | null>;
  /** Bots in `status`, running `strategy` when given (e.g. the RUNNING DCA bots to schedule at start). */
  list(status: BotStatus, strategy?: string): Promise<BotFacts[]>;
  /** Every symbol some bot trades, e.g. for the simulated market to price. */
  symbols(): Promise<string[]>;
  close(): Promise<void>;
}

const factsOf = (bot: Bot): BotFacts => ({
  id: bot.id,
  ownerId: bot.ownerId,
  name: bot.name,
  symbol: bot.symbol,
  strategy: bot.strategy,
  config: bot.config,
  status: bot.status,
});

/** Opens a reader on the bots database (its SQLite file, or the shared PostgreSQL database); it never writes. */
export async function openBotReader(config: AppConfig, logger: Logger): Promise<BotReader> {
  const orm = await openDatabase({
    name: "bots",
    contextName: "bots-reader",
    entities: [Bot],
    migrations: [],
    migrate: false,
    config,
    logger,
  });
  return {
    async find(id) {
      const bot = await orm.em.fork().findOne(Bot, { id });
      return bot && factsOf(bot);
    },
    async list(status, strategy) {
      return (await orm.em.fork().find(Bot, { status, ...(strategy === undefined ? {} : { strategy }) })).map(factsOf);
    },
    async symbols() {
      const rows = await orm.em.fork().createQueryBuilder(Bot).select("symbol", true).execute<{ symbol: string }[]>();
      return rows.map((row) => row.symbol).sort();
    },
    close: () => orm.close(true),
  };
}
