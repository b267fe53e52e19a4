import { z } from "zod";
import type { TaskTable } from "../../src/queue/tasks.js";

/** The trades subgraph's tasks: filling orders and running DCA schedules. */
export const tradesTasks = {
  /** Brings a DCA bot's schedule in line with its state: scheduled while RUNNING, else not. */
  "orders.dcaSync": { queue: "orders", payload: z.object({ botId: z.string().min(1) }).strict() },
  /** One DCA buy of a RUNNING bot, through the same path as submitOrder (made by the bot's scheduler). */
  "orders.dcaTick": { queue: "orders", payload: z.object({ botId: z.string().min(1) }).strict() },
  /** Fills one PENDING order on the paper exchange (job id: the order id). */
  "orders.fill": { queue: "orders", payload: z.object({ orderId: z.string().min(1) }).strict() },
} as const satisfies TaskTable;

declare module "../../src/queue/tasks.js" {
  interface TaskRegistry {
    "orders.dcaSync": (typeof tradesTasks)["orders.dcaSync"];
    "orders.dcaTick": (typeof tradesTasks)["orders.dcaTick"];
    "orders.fill": (typeof tradesTasks)["orders.fill"];
  }
}
