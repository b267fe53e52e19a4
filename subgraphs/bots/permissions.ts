import { isAuthenticated, isTrader, typesOpenTo, type PermissionMap } from "../../src/subgraph/permissions.js";

/** Who may do what in the bots subgraph; ownership itself is checked by {@link BotService}. */
export const botsPermissions: PermissionMap = {
  Query: { bot: isAuthenticated, bots: isAuthenticated },
  Mutation: {
    createBot: isTrader,
    updateBot: isTrader,
    startBot: isTrader,
    pauseBot: isTrader,
    stopBot: isTrader,
    deleteBot: isTrader,
  },
  Subscription: { botStatusChanged: isAuthenticated },
  ...typesOpenTo(isAuthenticated, [
    "Bot",
    "BotConnection",
    "BotEdge",
    "PageInfo",
    "UserError",
    "CreateBotPayload",
    "UpdateBotPayload",
    "StartBotPayload",
    "PauseBotPayload",
    "StopBotPayload",
    "DeleteBotPayload",
  ]),
};
