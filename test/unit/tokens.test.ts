import { afterEach, describe, expect, it, vi } from "vitest";
import { signInternalToken, signUserToken, verifyInternalToken, verifyUserToken } from "../../src/auth/tokens.js";

const SECRET = "a".repeat(32);
const OTHER_SECRET = "b".repeat(32);

describe("token verification (remembered successes)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("verifies the same token again to the same viewer", async () => {
    const token = await signUserToken({ id: "alice", roles: ["trader"] }, SECRET);
    await expect(verifyUserToken(token, SECRET)).resolves.toEqual({ id: "alice", roles: ["trader"] });
    await expect(verifyUserToken(token, SECRET)).resolves.toEqual({ id: "alice", roles: ["trader"] });
  });

  it("refuses a token under another secret although it verified under its own", async () => {
    const token = await signUserToken({ id: "bob", roles: ["trader"] }, SECRET);
    await verifyUserToken(token, SECRET);
    await expect(verifyUserToken(token, OTHER_SECRET)).rejects.toThrow(/signature is invalid/);
  });

  it("refuses a token once it has expired although it verified before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const user = await signUserToken({ id: "carol", roles: ["viewer"] }, SECRET, "10s");
    const internal = await signInternalToken({ viewer: { id: "carol", roles: ["viewer"] } }, SECRET, 10);
    await expect(verifyUserToken(user, SECRET)).resolves.toEqual({ id: "carol", roles: ["viewer"] });
    await expect(verifyInternalToken(internal, SECRET)).resolves.toEqual({
      viewer: { id: "carol", roles: ["viewer"] },
    });

    vi.setSystemTime(new Date("2026-01-01T00:00:11Z"));
    await expect(verifyUserToken(user, SECRET)).rejects.toThrow(/expired/);
    await expect(verifyInternalToken(internal, SECRET)).rejects.toThrow(/expired/);
  });
});
