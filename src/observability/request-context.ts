import { AsyncLocalStorage } from "node:async_hooks";
import { context, propagation, ROOT_CONTEXT, type Context } from "@opentelemetry/api";

/** The field of a job's stored data that carries where it came from; handlers never see it. */
export const TRACE_FIELD = "_trace";

/** W3C trace context (`traceparent`, `tracestate`) and the request id of what enqueued a job. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
  requestId?: string;
}

const requestIds = new AsyncLocalStorage<string>();

/** Runs `call` with `requestId` as the request id that jobs enqueued inside it carry. */
export function withRequestId<T>(requestId: string | undefined, call: () => T): T {
  return requestId === undefined ? call() : requestIds.run(requestId, call);
}

/** The request id of the request (or job) being served, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** The active trace context and request id as a carrier; undefined when there is neither. */
export function currentCarrier(): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const requestId = currentRequestId();
  if (requestId !== undefined) carrier["requestId"] = requestId;
  return Object.keys(carrier).length === 0 ? undefined : carrier;
}

/** A payload with the current carrier added under {@link TRACE_FIELD} (unchanged when there is none). */
export function withCurrentCarrier(payload: unknown, carrier = currentCarrier()): unknown {
  if (carrier === undefined || typeof payload !== "object" || payload === null) return payload;
  return { ...payload, [TRACE_FIELD]: carrier };
}

/** Splits stored job data into the payload and its carrier. */
export function splitCarrier(data: unknown): { payload: unknown; carrier: TraceCarrier | undefined } {
  if (typeof data !== "object" || data === null || !(TRACE_FIELD in data)) return { payload: data, carrier: undefined };
  const { [TRACE_FIELD]: carrier, ...payload } = data as Record<string, unknown>;
  return { payload, carrier: typeof carrier === "object" && carrier !== null ? carrier : undefined };
}

/** The trace context a carrier names (the root context when it names none). */
export function contextOf(carrier: TraceCarrier | undefined): Context {
  if (carrier === undefined) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
