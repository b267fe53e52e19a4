import { z } from "zod";

/** The schema of an event envelope as a job carries it, for events of `types`; the data stays opaque. */
export function domainEventSchema<const T extends string>(types: readonly [T, ...T[]]) {
  return z.object({
    id: z.string().min(1),
    type: z.enum(types),
    occurredAt: z.string(),
    ownerId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    requestId: z.string().optional(),
  });
}
