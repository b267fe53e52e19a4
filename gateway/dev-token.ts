import type { IncomingMessage } from "node:http";
import { signUserToken } from "../src/auth/tokens.js";
import type { Role } from "../src/auth/viewer.js";

/** Who the development token speaks for: the same admin `npm start` prints a token of. */
export const DEV_VIEWER = { id: "admin", roles: ["admin", "trader"] as Role[] };

/** A dev token is valid this long and renewed once half of it has passed. */
const LIFETIME_SECONDS = 24 * 60 * 60;

/** Hands out a token for {@link DEV_VIEWER}: the playground's prefilled header and the console's one-click sign-in. */
export interface DevTokens {
  /** Whether this request would get a token. */
  offers(req: IncomingMessage): boolean;
  /** The token for this request, or undefined when it gets none (not development, or not from this machine). */
  forRequest(req: IncomingMessage): Promise<string | undefined>;
}

/** Whether a request comes from this machine (loopback), not through a network. */
function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * Dev tokens exist only in development (`NODE_ENV=development`, the default of `npm start`) and only
 * for clients on this machine, so a deployment that forgot NODE_ENV=production hands none to the
 * network.
 */
export function createDevTokens(options: { enabled: boolean; jwtSecret: string }): DevTokens {
  let current: { token: Promise<string>; renewAt: number } | undefined;
  const offers = (req: IncomingMessage): boolean => options.enabled && fromLoopback(req);
  return {
    offers,
    forRequest(req) {
      if (!offers(req)) return Promise.resolve(undefined);
      const now = Date.now();
      if (current === undefined || now >= current.renewAt) {
        current = {
          token: signUserToken(DEV_VIEWER, options.jwtSecret, `${LIFETIME_SECONDS}s`),
          renewAt: now + (LIFETIME_SECONDS * 1000) / 2,
        };
      }
      return current.token;
    },
  };
}
