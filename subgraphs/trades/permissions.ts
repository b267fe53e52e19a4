import { isAdmin, isAuthenticated, isTrader, typesOpenTo, type PermissionMap } from "../../src/subgraph/permissions.js";

/** Who may do what in the trades subgraph; ownership itself is checked by the services. */
export const tradesPermissions: PermissionMap = {
  Query: { order: isAuthenticated, trade: isAuthenticated, trades: isAuthenticated, ticker: isAuthenticated },
  Mutation: { submitOrder: isTrader, cancelOrder: isTrader, setTicker: isAdmin },
  Subscription: { orderUpdated: isAuthenticated, tradeExecuted: isAuthenticated },
  ...typesOpenTo(isAuthenticated, [
    "Bot",
    "Order",
    "OrderConnection",
    "OrderEdge",
    "Trade",
    "TradeConnection",
    "TradeEdge",
    "PageInfo",
    "BotPosition",
    "BotPerformance",
    "DailyPerformance",
    "Ticker",
    "UserError",
    "SubmitOrderPayload",
    "CancelOrderPayload",
    "SetTickerPayload",
  ]),
};
