import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";

/** Headers every API response carries: no sniffing, no framing, no referrer. */
const HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};
/** API responses load nothing; GraphiQL's page (HTML) needs its scripts, so it does not get this one. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Security headers on every gateway response (the `protection.securityHeaders` setting). */
export function useSecurityHeaders(): GatewayPlugin {
  return {
    onResponse({ response }) {
      for (const [name, value] of Object.entries(HEADERS)) response.headers.set(name, value);
      if (!response.headers.get("content-type")?.startsWith("text/html"))
        response.headers.set("content-security-policy", API_CSP);
    },
  };
}
