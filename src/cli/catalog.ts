import { SUBGRAPHS } from "../../subgraphs/index.js";
import { EventConsumers } from "../events/reactions.js";
import { TaskCatalog } from "../queue/tasks.js";

/** Every definition, admin's first: its operators' queue ("jobs") leads the queue list, as it always has. */
const definitions = [
  SUBGRAPHS.admin,
  ...Object.values(SUBGRAPHS).filter((definition) => definition !== SUBGRAPHS.admin),
];

/**
 * Every subgraph's tasks: each process's queue knows them all, since a job is enqueued wherever its
 * cause happens (a relay, a request) and run by the subgraph that declares it.
 */
export const TASKS = new TaskCatalog(definitions.map((definition) => definition.tasks));

/** Every subgraph's reactions to events, for the relay of whichever process publishes them. */
export const CONSUMERS = new EventConsumers(definitions.map((definition) => definition.consumes));
