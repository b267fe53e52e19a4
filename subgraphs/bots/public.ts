import type { AppConfig } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/orm.js";
import { plainSql, readJson } from "../../src/db/sql.js";
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

/** The columns of `bot` that {@link BotFacts} holds, as the drivers return them. */
interface BotRow {
  id: string;
  owner_id: string;
  name: string;
  symbol: string;
  strategy: string;
  config: Record<string, unknown> | string;
  status: BotStatus;
}

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
  const sql = plainSql(orm.em);
  return {
    // Plain SQL (src/db/sql.ts): every order checks its bot.
    async find(id) {
      const row = await sql.get<BotRow>(
        'select "id", "owner_id", "name", "symbol", "strategy", "config", "status" from "bot" where "id" = ?',
        [id],
      );
      return row === undefined
        ? null
        : {
            id: row.id,
            ownerId: row.owner_id,
            name: row.name,
            symbol: row.symbol,
            strategy: row.strategy,
            config: readJson(row.config),
            status: row.status,
          };
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
