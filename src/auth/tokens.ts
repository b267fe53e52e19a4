import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { LRUCache } from "lru-cache";
import { ROLES, type Role, type Viewer } from "./viewer.js";

const USER_ISSUER_ALGORITHMS = ["HS256"];
const INTERNAL_ISSUER = "tradebot-gateway";
const INTERNAL_AUDIENCE = "tradebot-subgraph";

/** Why a token was refused; the message is safe to show to the client. */
export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
}

const encoder = new TextEncoder();
const keyOf = (secret: string): Uint8Array => encoder.encode(secret);

// Verifying an HS256 token through WebCrypto costs ~1 ms of CPU, and the same token arrives again and
// again (a client reuses its JWT; the gateway reuses one internal token per viewer for half its life).
// A token string that verified once under a secret verifies again until it expires, so successes are
// remembered, keyed by secret and token, for at most a minute and never past `exp`. Failures are not
// cached, so forged tokens cannot fill the cache.
const VERIFIED_MAX_ENTRIES = 10_000;
const VERIFIED_MAX_AGE_MS = 60_000;
const verified = new LRUCache<string, { payload: JWTPayload; until: number }>({ max: VERIFIED_MAX_ENTRIES });

async function verifyCached(
  token: string,
  secret: string,
  verify: (key: Uint8Array) => Promise<JWTPayload>,
): Promise<JWTPayload> {
  const cacheKey = `${secret}\u0000${token}`;
  const hit = verified.get(cacheKey);
  if (hit !== undefined && Date.now() < hit.until) return hit.payload;
  const payload = await verify(keyOf(secret));
  const maxAge = Date.now() + VERIFIED_MAX_AGE_MS;
  verified.set(cacheKey, { payload, until: payload.exp === undefined ? maxAge : Math.min(maxAge, payload.exp * 1000) });
  return payload;
}

function rolesFrom(claim: unknown): Role[] {
  if (claim === undefined) return [];
  if (!Array.isArray(claim) || !claim.every((r): r is Role => ROLES.includes(r as Role))) {
    throw new InvalidTokenError(`the "roles" claim must be an array of ${ROLES.join(", ")}`);
  }
  return claim;
}

function describe(error: unknown): string {
  if (error instanceof InvalidTokenError) return error.message;
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JOSEError) return "the token is malformed or its signature is invalid";
  throw error;
}

/** Verifies a client's `Authorization: Bearer` JWT (HS256) and returns its viewer. */
export async function verifyUserToken(token: string, secret: string): Promise<Viewer> {
  try {
    const payload = await verifyCached(token, secret, async (key) => {
      const result = await jwtVerify(token, key, { algorithms: USER_ISSUER_ALGORITHMS });
      return result.payload;
    });
    if (typeof payload.sub !== "string" || payload.sub.length === 0) {
      throw new InvalidTokenError('the token has no "sub" claim');
    }
    return { id: payload.sub, roles: rolesFrom(payload["roles"]) };
  } catch (error) {
    throw new InvalidTokenError(describe(error));
  }
}

/** Signs a user token, as `npm run token` and the first start print it. */
export async function signUserToken(
  viewer: Viewer,
  secret: string,
  expiresIn: string | number = "30d",
): Promise<string> {
  return new SignJWT({ roles: [...viewer.roles] })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(viewer.id)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}

/** What the gateway vouches for on every subgraph request. */
export interface InternalIdentity {
  viewer: Viewer | null;
}

/** Signs the short-lived token the gateway sends to subgraphs in `x-internal-token`. */
export async function signInternalToken(
  identity: InternalIdentity,
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  const jwt = new SignJWT({ viewer: identity.viewer })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`);
  return jwt.sign(keyOf(secret));
}

function viewerFrom(claim: unknown): Viewer | null {
  if (claim === null || claim === undefined) return null;
  if (typeof claim !== "object") throw new InvalidTokenError("the internal token's viewer is malformed");
  const { id, roles } = claim as { id?: unknown; roles?: unknown };
  if (typeof id !== "string") throw new InvalidTokenError("the internal token's viewer is malformed");
  return { id, roles: rolesFrom(roles) };
}

/** Verifies the gateway's internal token; anything else a client could send is refused. */
export async function verifyInternalToken(token: string, secret: string): Promise<InternalIdentity> {
  try {
    const payload = await verifyCached(token, secret, async (key) => {
      const result = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        issuer: INTERNAL_ISSUER,
        audience: INTERNAL_AUDIENCE,
      });
      return result.payload;
    });
    return { viewer: viewerFrom(payload["viewer"]) };
  } catch (error) {
    throw new InvalidTokenError(describe(error));
  }
}
