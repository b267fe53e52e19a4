import type { FilterQuery } from "@mikro-orm/core";
import { canSee, isAdmin, type Viewer } from "../../src/auth/viewer.js";
import type { EntityManager } from "../../src/db/orm.js";
import { findPage, type PageArgs } from "../../src/db/paginate.js";
import type { Page } from "../../src/graphql/connection.js";
import { userError, type UserError } from "../../src/graphql/errors.js";
import { checkText } from "../../src/validation/text.js";
import { Bot, BotStatus } from "./bot.entity.js";
import type { CreateBotInput } from "./bot.input.js";
import { checkStrategyConfig, EXCHANGES, isStrategy, STRATEGIES } from "./strategies.js";

const SYMBOL = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

/** The outcome of a command: what it made, or why not. */
export type Result<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };

/** Checks a new bot's input; every problem is reported, with its field path. */
export function validateCreateBot(
  input: CreateBotInput,
): Result<Omit<Bot, "id" | "ownerId" | "status" | "createdAt" | "updatedAt">> {
  const errors: UserError[] = [];
  const name = checkText(input.name, ["name"], { min: 1, max: 100 }, errors);
  if (!SYMBOL.test(input.symbol)) {
    errors.push(
      userError(
        ["symbol"],
        `symbol: must be BASE/QUOTE in capitals, e.g. "BTC/USDT", got ${JSON.stringify(input.symbol)}`,
      ),
    );
  }
  if (!(EXCHANGES as readonly string[]).includes(input.exchange)) {
    errors.push(
      userError(
        ["exchange"],
        `exchange: unknown exchange ${JSON.stringify(input.exchange)}; registered: ${EXCHANGES.join(", ")}`,
      ),
    );
  }
  const config = input.config ?? {};
  if (!isStrategy(input.strategy)) {
    errors.push(
      userError(
        ["strategy"],
        `strategy: unknown strategy ${JSON.stringify(input.strategy)}; registered: ${Object.keys(STRATEGIES).join(", ")}`,
      ),
    );
  } else {
    for (const problem of checkStrategyConfig(input.strategy, config)) {
      const path = ["config", ...problem.path];
      errors.push(userError(path, `${path.join(".")}: ${problem.message}`));
    }
  }
  if (errors.length > 0) return { value: null, userErrors: errors };
  return {
    value: {
      name,
      exchange: input.exchange,
      symbol: input.symbol,
      strategy: input.strategy,
      config: config as Record<string, unknown>,
    },
    userErrors: [],
  };
}

/** The rules of bots, independent of GraphQL. */
export class BotService {
  constructor(private readonly em: EntityManager) {}

  /** Creates a STOPPED bot owned by `owner`. */
  async create(owner: Viewer, input: CreateBotInput): Promise<Result<Bot>> {
    const checked = validateCreateBot(input);
    if (checked.value === null) return checked;
    const bot = this.em.create(Bot, { ...checked.value, ownerId: owner.id, status: BotStatus.STOPPED });
    await this.em.flush();
    return { value: bot, userErrors: [] };
  }

  /** The viewer's bots (all bots for an admin), newest last. */
  list(viewer: Viewer, args: PageArgs & { status?: BotStatus | null; symbol?: string | null }): Promise<Page<Bot>> {
    const where: FilterQuery<Bot> = {
      ...(isAdmin(viewer) ? {} : { ownerId: viewer.id }),
      ...(args.status ? { status: args.status } : {}),
      ...(args.symbol ? { symbol: args.symbol } : {}),
    };
    return findPage(this.em, Bot, where, args);
  }

  /** Keeps only what the viewer may see. */
  static visible(viewer: Viewer | null, bot: Bot | null): Bot | null {
    return bot !== null && canSee(viewer, bot.ownerId) ? bot : null;
  }
}
