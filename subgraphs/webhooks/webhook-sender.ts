import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { pinnedLookup } from "./ssrf.js";
import { traceHeaders } from "../../src/observability/tracing.js";

/** What one HTTP attempt got. */
export interface SendResult {
  /** The HTTP status, or null when no response came. */
  status: number | null;
  headers: IncomingHttpHeaders;
  /** The first 1 KB of the response body. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 1024;

/**
 * POSTs `body` to `url`, connecting to `address` (the one the SSRF check approved) whatever DNS says
 * now. Redirects are not followed; the response body is read up to 1 KB; the whole exchange must
 * finish within `timeoutMs`.
 */
export function postWebhook(
  url: URL,
  address: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<SendResult> {
  const started = performance.now();
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, "durationMs">): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    const req = request(
      url,
      {
        method: "POST",
        headers: { ...headers, ...traceHeaders(), "content-length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(address),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (): void =>
          finish({
            status: res.statusCode ?? null,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES),
            error: null,
          });
        res.on("data", (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) {
            done();
            res.destroy();
          }
        });
        res.on("end", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, headers: {}, body: null, error: `no response within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => finish({ status: null, headers: {}, body: null, error: error.message }));
    req.end(body);
  });
}
