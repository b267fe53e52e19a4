import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "../../src/subgraph/errors.js";
import { JSONScalar } from "../../src/subgraph/scalars.js";

/** Where a job is. */
export enum JobStatus {
  WAITING = "WAITING",
  PRIORITIZED = "PRIORITIZED",
  DELAYED = "DELAYED",
  ACTIVE = "ACTIVE",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
}
registerEnumType(JobStatus, { name: "JobStatus" });

/** Counts of one queue, by state. */
@ObjectType()
export class QueueStats {
  @Field()
  name: string;

  @Field(() => Int)
  waiting: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  delayed: number;

  @Field(() => Int)
  prioritized: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int)
  failed: number;

  @Field()
  paused: boolean;
}

/** One job of a queue. */
@ObjectType()
export class Job {
  @Field(() => ID)
  id: string;

  @Field()
  queue: string;

  @Field({ description: "The task, e.g. maintenance.echo." })
  name: string;

  @Field(() => JobStatus)
  status: JobStatus;

  @Field(() => Int, { description: "0 when the job has no priority; else 1 (highest) … 2097151." })
  priority: number;

  @Field(() => Int)
  attemptsMade: number;

  @Field(() => Int)
  maxAttempts: number;

  @Field(() => Int, { description: "0–100." })
  progress: number;

  @Field(() => String, { nullable: true })
  failedReason: string | null;

  @Field(() => JSONScalar, { nullable: true })
  data: unknown;

  @Field(() => JSONScalar, { nullable: true })
  result: unknown;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  processedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Date, { nullable: true })
  delayedUntil: Date | null;
}

/** Input of `enqueueJob`. */
@InputType()
export class EnqueueJobInput {
  @Field({ description: "A queue, e.g. jobs." })
  queue: string;

  @Field({ description: "A task of that queue, e.g. maintenance.echo." })
  name: string;

  @Field(() => JSONScalar, { nullable: true, description: "The task's payload; {} when omitted." })
  payload?: unknown;

  @Field(() => Int, { nullable: true, description: "1 (highest) … 2097151; jobs without one run first." })
  priority?: number | null;

  @Field(() => Int, { nullable: true, description: "Run no earlier than this many milliseconds from now." })
  delayMs?: number | null;

  @Field(() => Int, { nullable: true, description: "Total attempts, 1–25. Retries back off exponentially from 1 s." })
  attempts?: number | null;
}

/** Result of `enqueueJob`. */
@ObjectType()
export class EnqueueJobPayload {
  @Field(() => Job, { nullable: true })
  job: Job | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `retryJob`. */
@ObjectType()
export class RetryJobPayload {
  @Field(() => Job, { nullable: true })
  job: Job | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `removeJob`. */
@ObjectType()
export class RemoveJobPayload {
  @Field(() => ID, { nullable: true })
  removedJobId: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** What `pauseQueue` and `resumeQueue` return. */
@ObjectType()
abstract class QueuePayload {
  @Field(() => QueueStats, { nullable: true })
  queue: QueueStats | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `pauseQueue`. */
@ObjectType()
export class PauseQueuePayload extends QueuePayload {}

/** Result of `resumeQueue`. */
@ObjectType()
export class ResumeQueuePayload extends QueuePayload {}
