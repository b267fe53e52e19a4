/** The domain events an endpoint may subscribe to (src/events); `*` means all of them. */
export { WEBHOOK_EVENT_TYPES } from "../../src/events/types.js";

/** The wildcard subscription. */
export const ALL_EVENTS = "*";
