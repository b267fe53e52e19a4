import type { FilterQuery } from "@mikro-orm/core";
import { canSee, isAdmin, type Viewer } from "../../src/auth/viewer.js";
import type { EntityManager } from "../../src/db/orm.js";
import { findPage, type PageArgs } from "../../src/db/paginate.js";
import { recordEvent, type OutboxEntity } from "../../src/events/outbox.js";
import type { EventDataMap } from "../../src/events/types.js";
import type { BotSnapshot } from "./bot.events.js";
import type { FlagCache } from "../../src/flags/cache.js";
import type { Page } from "../../src/subgraph/connection.js";
import { argumentError, forbidden, userError, UserErrorCode, type UserError } from "../../src/subgraph/errors.js";
import { checkText } from "../../src/subgraph/validation/text.js";
import { Bot, BotStatus } from "./bot.entity.js";
import type { CreateBotInput, UpdateBotInput } from "./bot.input.js";
import { checkStrategyConfig, EXCHANGES, EXPERIMENTAL_STRATEGY_FLAGS, isStrategy, STRATEGIES } from "./strategies.js";

const SYMBOL = /^[A-Z0-9]{2,10}\/[A-Z0-9]{2,10}$/;

/** The outcome of a command: what it made, or why not. */
export type Result<T> = { value: T; userErrors: [] } | { value: null; userErrors: UserError[] };

const ok = <T>(value: T): Result<T> => ({ value, userErrors: [] });
const failed = <T>(userErrors: UserError[]): Result<T> => ({ value: null, userErrors });

/** The lifecycle commands and the states each may start from. */
export const TRANSITIONS = {
  start: { from: [BotStatus.STOPPED, BotStatus.PAUSED], to: BotStatus.RUNNING },
  pause: { from: [BotStatus.RUNNING], to: BotStatus.PAUSED },
  stop: { from: [BotStatus.RUNNING, BotStatus.PAUSED, BotStatus.ERROR], to: BotStatus.STOPPED },
} as const satisfies Record<string, { from: readonly BotStatus[]; to: BotStatus }>;
export type LifecycleCommand = keyof typeof TRANSITIONS;

function checkSymbol(symbol: string, errors: UserError[]): void {
  if (!SYMBOL.test(symbol)) {
    errors.push(
      userError(["symbol"], `symbol: must be BASE/QUOTE in capitals, e.g. "BTC/USDT", got ${JSON.stringify(symbol)}`),
    );
  }
}

function checkExchange(exchange: string, errors: UserError[]): void {
  if (!(EXCHANGES as readonly string[]).includes(exchange)) {
    errors.push(
      userError(
        ["exchange"],
        `exchange: unknown exchange ${JSON.stringify(exchange)}; registered: ${EXCHANGES.join(", ")}`,
      ),
    );
  }
}

function checkStrategy(strategy: string, config: unknown, errors: UserError[]): void {
  if (!isStrategy(strategy)) {
    const registered = Object.keys(STRATEGIES).join(", ");
    errors.push(
      userError(["strategy"], `strategy: unknown strategy ${JSON.stringify(strategy)}; registered: ${registered}`),
    );
    return;
  }
  for (const problem of checkStrategyConfig(strategy, config)) {
    const path = ["config", ...problem.path];
    errors.push(userError(path, `${path.join(".")}: ${problem.message}`));
  }
}

/** Checks a new bot's input; every problem is reported, with its field path. */
export function validateCreateBot(
  input: CreateBotInput,
): Result<Pick<Bot, "name" | "exchange" | "symbol" | "strategy" | "config">> {
  const errors: UserError[] = [];
  const name = checkText(input.name, ["name"], { min: 1, max: 100 }, errors);
  checkSymbol(input.symbol, errors);
  checkExchange(input.exchange, errors);
  const config = input.config ?? {};
  checkStrategy(input.strategy, config, errors);
  if (errors.length > 0) return failed(errors);
  return ok({
    name,
    exchange: input.exchange,
    symbol: input.symbol,
    strategy: input.strategy,
    config: config as Record<string, unknown>,
  });
}

/** A bot as events carry it. */
export function snapshotOf(bot: Bot): BotSnapshot {
  return {
    id: bot.id,
    name: bot.name,
    ownerId: bot.ownerId,
    exchange: bot.exchange,
    symbol: bot.symbol,
    strategy: bot.strategy,
    config: bot.config,
    status: bot.status,
    createdAt: bot.createdAt.toISOString(),
    updatedAt: bot.updatedAt.toISOString(),
  };
}

/** The rules of bots, independent of GraphQL. Every change records its event in the same transaction. */
export class BotService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: OutboxEntity,
    private readonly requestId?: string,
    /** Evaluates the flags of experimental strategies; without it they are refused. */
    private readonly flags?: FlagCache,
  ) {}

  /** Creates a STOPPED bot owned by `owner`. */
  async create(owner: Viewer, input: CreateBotInput): Promise<Result<Bot>> {
    const checked = validateCreateBot(input);
    if (checked.value === null) return checked;
    const gated = await this.checkExperimental(checked.value.strategy, owner.id);
    if (gated !== null) return failed([gated]);
    const bot = this.em.create(Bot, { ...checked.value, ownerId: owner.id, status: BotStatus.STOPPED });
    this.record(bot, "bot.created", { bot: snapshotOf(bot) });
    await this.em.flush();
    return ok(bot);
  }

  /** Changes a bot's settings; trading settings only while it is STOPPED. */
  async update(viewer: Viewer, id: string, input: UpdateBotInput): Promise<Result<Bot>> {
    const bot = await this.writable(viewer, id);
    if (bot === null) return failed([notFound(id)]);
    const errors: UserError[] = [];
    const name = input.name == null ? bot.name : checkText(input.name, ["name"], { min: 1, max: 100 }, errors);
    const trading = (["exchange", "symbol", "strategy", "config"] as const).filter((field) => input[field] != null);
    if (trading.length > 0 && bot.status !== BotStatus.STOPPED) {
      for (const field of trading) {
        errors.push(
          userError(
            [field],
            `${field}: can only change while the bot is STOPPED; it is ${bot.status}`,
            UserErrorCode.InvalidState,
          ),
        );
      }
      return failed(errors);
    }
    const next = {
      name,
      exchange: input.exchange ?? bot.exchange,
      symbol: input.symbol ?? bot.symbol,
      strategy: input.strategy ?? bot.strategy,
      config: (input.config ?? (input.strategy != null ? {} : bot.config)) as Record<string, unknown>,
    };
    if (input.exchange != null) checkExchange(next.exchange, errors);
    if (input.symbol != null) checkSymbol(next.symbol, errors);
    if (input.strategy != null || input.config != null) checkStrategy(next.strategy, next.config, errors);
    if (errors.length > 0) return failed(errors);
    if (input.strategy != null && input.strategy !== bot.strategy) {
      const gated = await this.checkExperimental(next.strategy, bot.ownerId);
      if (gated !== null) return failed([gated]);
    }
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(bot[key]),
    );
    if (changed.length === 0) return ok(bot);
    this.em.assign(bot, next);
    bot.updatedAt = new Date();
    this.record(bot, "bot.updated", { bot: snapshotOf(bot), changed });
    await this.em.flush();
    return ok(bot);
  }

  /** Moves a bot along its lifecycle; an invalid transition is an INVALID_STATE userError. */
  async transition(viewer: Viewer, id: string, command: LifecycleCommand): Promise<Result<Bot>> {
    const bot = await this.writable(viewer, id);
    if (bot === null) return failed([notFound(id)]);
    const { from, to } = TRANSITIONS[command];
    if (!(from as readonly BotStatus[]).includes(bot.status)) {
      return failed([
        userError(
          [],
          `Cannot ${command} a bot that is ${bot.status}; it must be ${from.join(" or ")}.`,
          UserErrorCode.InvalidState,
        ),
      ]);
    }
    const previous = bot.status;
    this.em.assign(bot, { status: to, statusReason: null, updatedAt: new Date() });
    this.record(bot, "bot.status_changed", { bot: snapshotOf(bot), from: previous, to, reason: null });
    await this.em.flush();
    return ok(bot);
  }

  /** The system's move to ERROR, with the reason; a STOPPED (or already ERROR) bot is left alone. */
  async fail(id: string, reason: string): Promise<Bot | null> {
    const bot = await this.em.findOne(Bot, { id });
    if (bot === null || bot.status === BotStatus.STOPPED || bot.status === BotStatus.ERROR) return null;
    const previous = bot.status;
    this.em.assign(bot, { status: BotStatus.ERROR, statusReason: reason, updatedAt: new Date() });
    this.record(bot, "bot.status_changed", { bot: snapshotOf(bot), from: previous, to: BotStatus.ERROR, reason });
    await this.em.flush();
    return bot;
  }

  /** Deletes a STOPPED bot. */
  async delete(viewer: Viewer, id: string): Promise<Result<string>> {
    const bot = await this.writable(viewer, id);
    if (bot === null) return failed([notFound(id)]);
    if (bot.status !== BotStatus.STOPPED) {
      return failed([
        userError([], `Only a STOPPED bot can be deleted; this one is ${bot.status}.`, UserErrorCode.InvalidState),
      ]);
    }
    this.record(bot, "bot.deleted", { bot: snapshotOf(bot) });
    this.em.remove(bot);
    await this.em.flush();
    return ok(id);
  }

  /** The viewer's bots (all bots for an admin), oldest first. */
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

  /** The bot if the viewer may change it; null if it does not exist for them; FORBIDDEN for a read-only owner. */
  private async writable(viewer: Viewer, id: string): Promise<Bot | null> {
    const bot = BotService.visible(viewer, await this.em.findOne(Bot, { id }));
    if (bot !== null && !isAdmin(viewer) && !viewer.roles.includes("trader"))
      throw forbidden("Only traders and admins can change bots.");
    return bot;
  }

  /** A userError when `strategy` is experimental and its flag is off for `ownerId`, else null. */
  private async checkExperimental(strategy: string, ownerId: string): Promise<UserError | null> {
    const flagKey = isStrategy(strategy) ? EXPERIMENTAL_STRATEGY_FLAGS[strategy] : undefined;
    if (flagKey === undefined) return null;
    if (this.flags !== undefined) {
      await this.flags.ready();
      if (this.flags.evaluate(flagKey, ownerId).value) return null;
    }
    return userError(
      ["strategy"],
      `strategy: ${JSON.stringify(strategy)} is experimental and needs the feature flag ${JSON.stringify(flagKey)}, which is off for this user`,
      UserErrorCode.FeatureDisabled,
    );
  }

  private record<T extends keyof EventDataMap>(bot: Bot, type: T, data: EventDataMap[T]): void {
    recordEvent(this.em, this.outbox, type, { ownerId: bot.ownerId, data, requestId: this.requestId });
  }
}

function notFound(id: string): UserError {
  return argumentError("id", `id: no bot ${JSON.stringify(id)} that you can see`, UserErrorCode.NotFound);
}
