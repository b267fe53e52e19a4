import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSecrets } from "../../src/auth/secrets.js";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { seal, unseal } from "../../src/crypto/seal.js";

describe("resolveSecrets", () => {
  it("generates missing secrets on first start, keeps them private under dataDir and reuses them", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "secrets-"));
    const config = loadConfig({ env: { DATA_DIR: dataDir } });
    const first = resolveSecrets(config);
    expect(first.generated).toBe(true);
    expect(first.jwtSecret).toHaveLength(43);
    const file = join(dataDir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ jwtSecret: first.jwtSecret });
    const again = resolveSecrets(config);
    expect(again).toEqual({ ...first, generated: false });
  });

  it("prefers configured secrets and does not write them to disk", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "secrets-"));
    const jwt = "j".repeat(32);
    const secrets = resolveSecrets(loadConfig({ env: { DATA_DIR: dataDir, AUTH_JWT_SECRET: jwt } }));
    expect(secrets.jwtSecret).toBe(jwt);
    expect(readFileSync(join(dataDir, "secrets.json"), "utf8")).not.toContain(jwt);
  });

  it("requires every secret when processes share PostgreSQL", () => {
    const config = loadConfig({
      env: {
        DATA_DIR: mkdtempSync(join(tmpdir(), "secrets-")),
        DATABASE_URL: "postgres://db/app",
        AUTH_JWT_SECRET: "j".repeat(32),
      },
    });
    expect(() => resolveSecrets(config)).toThrow(ConfigError);
    try {
      resolveSecrets(config);
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(":")[0])).toEqual([
        "auth.internalSecret",
        "webhooks.secretKey",
      ]);
    }
  });
});

describe("seal", () => {
  it("round-trips and refuses a wrong key or altered text", () => {
    const sealed = seal("whsec_abc", "key-one");
    expect(sealed).not.toContain("whsec_abc");
    expect(unseal(sealed, "key-one")).toBe("whsec_abc");
    expect(() => unseal(sealed, "key-two")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => unseal(parts.join("."), "key-one")).toThrow();
  });
});
