import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
} from "@opentelemetry/sdk-trace-base";
import { VERSION } from "../paths.js";

/** `config.observability.tracing`. */
export interface TracingOptions {
  enabled: boolean;
  /** OTLP/HTTP base URL; spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /** 0–1: share of new traces recorded (at the gateway: of requests); a child follows its parent's decision. */
  sampleRatio: number;
  /** `service.name` of this process's spans. */
  serviceName: string;
  /**
   * Register an AsyncLocalStorage context manager, which subgraphs and jobs need to find their parent
   * span. A gateway alone does without (its plugin keeps spans per request), and saves what
   * AsyncLocalStorage costs every promise on Node 20. @default true
   */
  contextManager?: boolean;
}

let contextManagerRegistered = false;

/** True while `startTracing` has registered a context manager (the gateway plugin then uses it). */
export function tracingContextManagerActive(): boolean {
  return contextManagerRegistered;
}

/** This process's tracing: flush and unregister on shutdown. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Registers OpenTelemetry for the process: a tracer provider exporting OTLP/HTTP (JSON) in batches,
 * W3C trace context propagation, and an AsyncLocalStorage context manager. Disabled, nothing is
 * registered: the API stays a no-op and spans cost nothing.
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (!options.enabled) return undefined;
  const endpoint = (options.endpoint ?? "http://127.0.0.1:4318").replace(/\/+$/, "");
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName, "service.version": VERSION }),
    sampler: new ParentBasedSampler({ root: rootSampler(options.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))],
  });
  if (options.contextManager ?? true) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerRegistered = true;
  }
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      contextManagerRegistered = false;
    },
  };
}

/** Attribute of the gateway's request span (Hive Gateway's OpenTelemetry plugin sets it). */
const GATEWAY_REQUEST_ATTRIBUTE = "hive.request";

/**
 * Roots of new traces: the gateway's request spans are recorded (the gateway plugin has already
 * sampled the request at the ratio, before making any span); other roots (e.g. scheduled jobs) at the
 * ratio. Children follow their parent.
 */
function rootSampler(ratio: number): Sampler {
  const byRatio = new TraceIdRatioBasedSampler(ratio);
  return {
    shouldSample(context, traceId, _spanName, _spanKind, attributes) {
      if (attributes[GATEWAY_REQUEST_ATTRIBUTE] === true) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
      return byRatio.shouldSample(context, traceId);
    },
    toString: () => `GatewayOrRatio{${ratio}}`,
  };
}

/** `traceparent` (and `tracestate`) of the active span, for an outgoing request; empty when none. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
