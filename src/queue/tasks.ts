import type { z } from "zod";

/** A task: the queue it runs on and the schema of its payload. */
export interface TaskDefinition {
  queue: string;
  payload: z.ZodType;
}

/**
 * Every task's definition, by name, as types. Empty here: each subgraph adds the tasks it runs by
 * module augmentation in its `tasks.ts`, next to their schemas, so `src/` names no task while
 * `enqueue` and `process` stay typed by task name.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by module augmentation
export interface TaskRegistry {}

/** Some tasks by name, as a subgraph declares the ones it runs. */
export type TaskTable = Readonly<Record<string, TaskDefinition>>;

/**
 * The tasks a queue knows, gathered from every subgraph (the composition root builds it): a task
 * outside it is refused, and a payload is validated by its schema when it is enqueued and when it runs.
 */
export class TaskCatalog {
  /** Every task, by name, in the order they were gathered. */
  readonly definitions: TaskTable;
  /** Every queue name, in a stable order (that of their first task). */
  readonly queueNames: readonly string[];

  constructor(tables: readonly (TaskTable | undefined)[]) {
    const definitions: Record<string, TaskDefinition> = {};
    for (const table of tables) {
      for (const [name, definition] of Object.entries(table ?? {})) {
        if (Object.hasOwn(definitions, name)) throw new Error(`task "${name}" is declared twice`);
        definitions[name] = definition;
      }
    }
    this.definitions = definitions;
    this.queueNames = [...new Set(Object.values(definitions).map((task) => task.queue))];
  }

  /** The definition of `task`, or undefined when no subgraph declares it. */
  get(task: string): TaskDefinition | undefined {
    return Object.hasOwn(this.definitions, task) ? this.definitions[task] : undefined;
  }

  /** The names of the tasks that run on `queue`. */
  tasksOf(queue: string): string[] {
    return Object.entries(this.definitions)
      .filter(([, task]) => task.queue === queue)
      .map(([name]) => name);
  }
}
