import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { requireAdmin, type RequestContext } from "../../src/subgraph/context.js";
import { userError, UserErrorCode } from "../../src/subgraph/errors.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { pushIterator } from "../../src/subgraph/subscriptions.js";
import { InvalidJobError } from "../../src/queue/index.js";
import type { JobEvent } from "../../src/queue/types.js";
import { checkEnqueueInput, toJob, toQueueStats, toQueueStatus } from "./job.service.js";
import {
  EnqueueJobInput,
  EnqueueJobPayload,
  Job,
  JobStatus,
  PauseQueuePayload,
  QueueStats,
  RemoveJobPayload,
  ResumeQueuePayload,
  RetryJobPayload,
} from "./job.types.js";

const notFound = (queue: string, id: string) =>
  userError([], `No job ${JSON.stringify(id)} in queue ${JSON.stringify(queue)}.`, UserErrorCode.NotFound);

/** Operators' view of the queues: stats, jobs, and the commands on them (admin only). */
@Resolver()
export class JobResolver {
  constructor(private readonly services: SubgraphServices) {}

  @Query(() => [QueueStats], { description: "Every queue with its counts by state (admin)." })
  async queues(@Ctx() ctx: RequestContext): Promise<QueueStats[]> {
    requireAdmin(ctx, "read queues");
    return (await this.services.queue.stats()).map(toQueueStats);
  }

  @Query(() => Job, { nullable: true, description: "One job (admin)." })
  async job(
    @Arg("queue") queue: string,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Job | null> {
    requireAdmin(ctx, "read jobs");
    const info = await this.services.queue.getJob(queue, id);
    return info && toJob(info);
  }

  @Query(() => [Job], { description: "A queue's jobs in one state, newest first (admin)." })
  async jobs(
    @Arg("queue") queue: string,
    @Arg("status", () => JobStatus) status: JobStatus,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Job[]> {
    requireAdmin(ctx, "read jobs");
    const limit = Math.min(Math.max(first, 1), 100);
    return (await this.services.queue.getJobs(queue, toQueueStatus(status), limit)).map(toJob);
  }

  @Mutation(() => EnqueueJobPayload, { description: "Adds a job to a queue (admin)." })
  async enqueueJob(
    @Arg("input", () => EnqueueJobInput) input: EnqueueJobInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EnqueueJobPayload> {
    requireAdmin(ctx, "enqueue jobs");
    const checked = checkEnqueueInput(this.services.queue.tasks, input);
    const payload = new EnqueueJobPayload();
    if (checked.task === null) return Object.assign(payload, { job: null, userErrors: checked.userErrors });
    try {
      const info = await this.services.queue.enqueue(checked.task, (input.payload ?? {}) as never, checked.options);
      ctx.logger.info({ queue: info.queue, jobId: info.id, task: info.name }, "job enqueued by an operator");
      return Object.assign(payload, { job: toJob(info), userErrors: [] });
    } catch (error) {
      if (!(error instanceof InvalidJobError)) throw error;
      return Object.assign(payload, { job: null, userErrors: [userError(["payload", ...error.path], error.message)] });
    }
  }

  @Mutation(() => RetryJobPayload, { description: "Moves a failed job back to waiting (admin)." })
  async retryJob(
    @Arg("queue") queue: string,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RetryJobPayload> {
    requireAdmin(ctx, "retry jobs");
    const existing = await this.services.queue.getJob(queue, id);
    if (existing === null)
      return Object.assign(new RetryJobPayload(), { job: null, userErrors: [notFound(queue, id)] });
    if (existing.status !== "failed") {
      return Object.assign(new RetryJobPayload(), {
        job: toJob(existing),
        userErrors: [
          userError(
            [],
            `Only a failed job can be retried; this one is ${existing.status}.`,
            UserErrorCode.InvalidState,
          ),
        ],
      });
    }
    return Object.assign(new RetryJobPayload(), {
      job: toJob(await this.services.queue.retry(queue, id)),
      userErrors: [],
    });
  }

  @Mutation(() => RemoveJobPayload, { description: "Removes a job that is not running (admin)." })
  async removeJob(
    @Arg("queue") queue: string,
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveJobPayload> {
    requireAdmin(ctx, "remove jobs");
    const existing = await this.services.queue.getJob(queue, id);
    if (existing === null)
      return Object.assign(new RemoveJobPayload(), { removedJobId: null, userErrors: [notFound(queue, id)] });
    if (existing.status === "active") {
      return Object.assign(new RemoveJobPayload(), {
        removedJobId: null,
        userErrors: [
          userError([], "A running job cannot be removed; wait for it to finish.", UserErrorCode.InvalidState),
        ],
      });
    }
    await this.services.queue.remove(queue, id);
    return Object.assign(new RemoveJobPayload(), { removedJobId: id, userErrors: [] });
  }

  @Mutation(() => PauseQueuePayload, { description: "Stops a queue from starting jobs; running ones finish (admin)." })
  async pauseQueue(@Arg("name") name: string, @Ctx() ctx: RequestContext): Promise<PauseQueuePayload> {
    requireAdmin(ctx, "pause queues");
    return Object.assign(new PauseQueuePayload(), await this.setPaused(name, true));
  }

  @Mutation(() => ResumeQueuePayload, { description: "Lets a paused queue start jobs again (admin)." })
  async resumeQueue(@Arg("name") name: string, @Ctx() ctx: RequestContext): Promise<ResumeQueuePayload> {
    requireAdmin(ctx, "resume queues");
    return Object.assign(new ResumeQueuePayload(), await this.setPaused(name, false));
  }

  @Subscription(() => Job, {
    description: "The job each time its state changes (admin).",
    subscribe: ({ args, context }) => {
      requireAdmin(context as RequestContext, "watch jobs");
      const { queue, id } = args as { queue: string; id: string };
      return pushIterator<JobEvent, JobEvent>(
        (push) => (context as RequestContext).live.jobs(push),
        (event) => (event.queue === queue && event.jobId === id ? event : undefined),
      );
    },
  })
  async jobUpdated(
    @Root() event: JobEvent,
    @Arg("queue") _queue: string,
    @Arg("id", () => ID) _id: string,
  ): Promise<Job | null> {
    const info = await this.services.queue.getJob(event.queue, event.jobId);
    return info && toJob(info);
  }

  private async setPaused(
    name: string,
    paused: boolean,
  ): Promise<{ queue: QueueStats | null; userErrors: ReturnType<typeof userError>[] }> {
    const known = (await this.services.queue.stats()).some((stats) => stats.name === name);
    if (!known)
      return {
        queue: null,
        userErrors: [userError([], `Unknown queue ${JSON.stringify(name)}.`, UserErrorCode.NotFound)],
      };
    await (paused ? this.services.queue.pause(name) : this.services.queue.resume(name));
    const stats = (await this.services.queue.stats()).find((s) => s.name === name);
    return { queue: stats ? toQueueStats(stats) : null, userErrors: [] };
  }
}
