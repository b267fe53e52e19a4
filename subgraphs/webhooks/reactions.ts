import { EVENT_JOB_RETRIES, reactionsTo, type EventReactions } from "../../src/events/reactions.js";
import { WEBHOOK_EVENT_TYPES } from "./event-types.js";

/**
 * What the webhooks subgraph starts when an event is published: only the events an endpoint may
 * subscribe to are fanned out (job id: fanout-<event id>); an order's own updates start no job.
 */
export const webhooksReactions: EventReactions = reactionsTo(WEBHOOK_EVENT_TYPES, (event) => [
  {
    task: "webhooks.fanout",
    payload: { event: { ...event, data: { ...event.data } } },
    options: { jobId: `fanout-${event.id}`, ...EVENT_JOB_RETRIES },
  },
]);
