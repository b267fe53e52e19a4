import { z } from "zod";
import type { TaskTable } from "../../src/queue/tasks.js";

/** The bots subgraph's tasks. */
export const botsTasks = {
  /** The system sets a bot to ERROR with a reason, e.g. when its strategy's order was rejected. */
  "bots.fail": {
    queue: "bots",
    payload: z.object({ botId: z.string().min(1), reason: z.string().min(1).max(500) }).strict(),
  },
} as const satisfies TaskTable;

declare module "../../src/queue/tasks.js" {
  interface TaskRegistry {
    "bots.fail": (typeof botsTasks)["bots.fail"];
  }
}
