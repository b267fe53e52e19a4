import type { ObjectQuery } from "@mikro-orm/core";
import { canSee, isAdmin, type Viewer } from "../../src/auth/viewer.js";
import type { EntityManager } from "../../src/db/orm.js";
import { findPage, type PageLoader } from "../../src/db/paginate.js";
import type { Page } from "../../src/subgraph/connection.js";
import { Trade } from "./trade.entity.js";
import type { BotTradesArgs } from "./trade.input.js";

/** Reads of trades, independent of GraphQL. */
export class TradeService {
  constructor(private readonly em: EntityManager) {}

  /** A bot's trades the viewer may see, oldest first. */
  forBot(viewer: Viewer, botId: string, args: BotTradesArgs): Promise<Page<Trade>> {
    return findPage(this.em, Trade, { botId, ...TradeService.filter(viewer, args) }, args);
  }

  /** The same page through the request's loader, which batches it with other bots' pages. */
  static pageOfBot(pages: PageLoader<Trade>, viewer: Viewer, botId: string, args: BotTradesArgs): Promise<Page<Trade>> {
    return pages.load({ parentId: botId, args, where: TradeService.filter(viewer, args) });
  }

  /** What a bot's trades must match for this viewer and these arguments. */
  static filter(viewer: Viewer, args: BotTradesArgs): ObjectQuery<Trade> {
    const executedAt = {
      ...(args.since ? { $gte: args.since } : {}),
      ...(args.until ? { $lt: args.until } : {}),
    };
    return {
      ...(isAdmin(viewer) ? {} : { ownerId: viewer.id }),
      ...(args.side ? { side: args.side } : {}),
      ...(Object.keys(executedAt).length > 0 ? { executedAt } : {}),
    };
  }

  /** Keeps only what the viewer may see. */
  static visible(viewer: Viewer | null, trade: Trade | null): Trade | null {
    return trade !== null && canSee(viewer, trade.ownerId) ? trade : null;
  }
}
