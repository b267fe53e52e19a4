import { z } from "zod";
import type { TaskTable } from "../../src/queue/tasks.js";

/** The admin subgraph's tasks: operators' probes that a queue moves. */
export const adminTasks = {
  /** An operator's no-op, to check that a queue moves. */
  "maintenance.noop": { queue: "jobs", payload: z.object({}).strict() },
  /** An operator's echo: completes with its message as the result. */
  "maintenance.echo": { queue: "jobs", payload: z.object({ message: z.string().max(1000) }).strict() },
} as const satisfies TaskTable;

declare module "../../src/queue/tasks.js" {
  interface TaskRegistry {
    "maintenance.noop": (typeof adminTasks)["maintenance.noop"];
    "maintenance.echo": (typeof adminTasks)["maintenance.echo"];
  }
}
