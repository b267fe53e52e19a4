import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, type AppConfig } from "../config/index.js";

/** The secrets every process of one deployment must share. */
export interface Secrets {
  /** Verifies client JWTs (`AUTH_JWT_SECRET`). */
  jwtSecret: string;
  /** Signs the gateway's identity for subgraphs (`AUTH_INTERNAL_SECRET`). */
  internalSecret: string;
  /** Encrypts webhook signing secrets at rest (`WEBHOOK_SECRET_KEY`). */
  webhookSecretKey: string;
  /** True when at least one secret was generated now (first start). */
  generated: boolean;
}

const FILE_NAME = "secrets.json";
type StoredSecrets = Omit<Secrets, "generated">;

const fresh = (): string => randomBytes(32).toString("base64url");

/**
 * Takes each secret from config; on embedded defaults (no DATABASE_URL) a missing one is generated
 * once and kept in `<dataDir>/secrets.json`, so restarts and `npm run token` agree. With a shared
 * database (several processes) every secret must be configured.
 */
export function resolveSecrets(config: AppConfig): Secrets {
  const configured: Partial<StoredSecrets> = {
    jwtSecret: config.auth.jwtSecret,
    internalSecret: config.auth.internalSecret,
    webhookSecretKey: config.webhooks.secretKey,
  };
  if (config.database.url !== undefined) {
    const missing = [
      ["auth.jwtSecret", "AUTH_JWT_SECRET", configured.jwtSecret],
      ["auth.internalSecret", "AUTH_INTERNAL_SECRET", configured.internalSecret],
      ["webhooks.secretKey", "WEBHOOK_SECRET_KEY", configured.webhookSecretKey],
    ].filter(([, , value]) => value === undefined);
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map(
          ([key, env]) =>
            `${key}: expected a secret of at least 32 characters when database.url is set (processes share it), got nothing (set ${env})`,
        ),
      );
    }
  }
  const file = join(config.dataDir, FILE_NAME);
  const stored: Partial<StoredSecrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Partial<StoredSecrets>)
    : {};
  const secrets: StoredSecrets = {
    jwtSecret: configured.jwtSecret ?? stored.jwtSecret ?? fresh(),
    internalSecret: configured.internalSecret ?? stored.internalSecret ?? fresh(),
    webhookSecretKey: configured.webhookSecretKey ?? stored.webhookSecretKey ?? fresh(),
  };
  const toStore: Partial<StoredSecrets> = {};
  for (const key of Object.keys(secrets) as (keyof StoredSecrets)[]) {
    if (configured[key] === undefined) toStore[key] = secrets[key];
  }
  const generated = (Object.keys(toStore) as (keyof StoredSecrets)[]).some((key) => stored[key] === undefined);
  if (generated) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...stored, ...toStore }, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { ...secrets, generated };
}
