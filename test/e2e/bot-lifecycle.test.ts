import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../harness.js";
import { CreateBot, DeleteBot, PauseBot, StartBot, StopBot, UpdateBot } from "./documents.js";

describe("bot lifecycle", () => {
  let t: TestStack;
  let alice: string;

  beforeAll(async () => {
    t = await startTestStack();
    alice = await t.token("alice");
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newBot(): Promise<string> {
    const { data } = await t.execute(
      CreateBot,
      {
        input: {
          name: "cycle",
          symbol: "BTC/USDT",
          // grid is validated only: the bot never trades by itself, so its status stays the test's.
          strategy: "grid",
          config: { lowerPrice: "1", upperPrice: "2", gridLevels: 2, orderQuantity: "1" },
        },
      },
      { token: alice },
    );
    return data?.createBot.bot?.id ?? "";
  }

  it("moves STOPPED → RUNNING ↔ PAUSED → STOPPED and refuses other transitions with INVALID_STATE", async () => {
    const id = await newBot();
    const pauseStopped = await t.execute(PauseBot, { id }, { token: alice });
    expect(pauseStopped.data?.pauseBot).toEqual({
      bot: null,
      userErrors: [
        { field: null, message: "Cannot pause a bot that is STOPPED; it must be RUNNING.", code: "INVALID_STATE" },
      ],
    });
    expect((await t.execute(StartBot, { id }, { token: alice })).data?.startBot.bot?.status).toBe("RUNNING");
    expect((await t.execute(StartBot, { id }, { token: alice })).data?.startBot.userErrors[0]?.code).toBe(
      "INVALID_STATE",
    );
    expect((await t.execute(PauseBot, { id }, { token: alice })).data?.pauseBot.bot?.status).toBe("PAUSED");
    expect((await t.execute(StartBot, { id }, { token: alice })).data?.startBot.bot?.status).toBe("RUNNING");
    const deleteRunning = await t.execute(DeleteBot, { id }, { token: alice });
    expect(deleteRunning.data?.deleteBot.userErrors[0]).toMatchObject({
      code: "INVALID_STATE",
      message: "Only a STOPPED bot can be deleted; this one is RUNNING.",
    });
    expect((await t.execute(StopBot, { id }, { token: alice })).data?.stopBot.bot?.status).toBe("STOPPED");
    expect((await t.execute(DeleteBot, { id }, { token: alice })).data?.deleteBot).toEqual({
      deletedBotId: id,
      userErrors: [],
    });
    expect((await t.execute(StopBot, { id }, { token: alice })).data?.stopBot.userErrors[0]).toMatchObject({
      field: ["id"],
      code: "NOT_FOUND",
    });
  });

  it("changes the name any time but trading settings only while STOPPED, validating the new config", async () => {
    const id = await newBot();
    await t.execute(StartBot, { id }, { token: alice });
    const renamed = await t.execute(UpdateBot, { id, input: { name: "renamed" } }, { token: alice });
    expect(renamed.data?.updateBot.bot?.name).toBe("renamed");
    const whileRunning = await t.execute(
      UpdateBot,
      { id, input: { config: { lowerPrice: "1", upperPrice: "3", gridLevels: 2, orderQuantity: "1" } } },
      { token: alice },
    );
    expect(whileRunning.data?.updateBot.userErrors).toEqual([
      {
        field: ["input", "config"],
        message: "config: can only change while the bot is STOPPED; it is RUNNING",
        code: "INVALID_STATE",
      },
    ]);
    await t.execute(StopBot, { id }, { token: alice });
    const bad = await t.execute(
      UpdateBot,
      {
        id,
        input: { strategy: "grid", config: { lowerPrice: "1", upperPrice: "2", gridLevels: 1, orderQuantity: "1" } },
      },
      { token: alice },
    );
    expect(bad.data?.updateBot.userErrors).toEqual([
      { field: ["input", "config", "gridLevels"], message: "config.gridLevels: must be at least 2", code: "INVALID" },
    ]);
    const good = await t.execute(UpdateBot, { id, input: { strategy: "manual" } }, { token: alice });
    expect(good.data?.updateBot.bot).toMatchObject({ strategy: "manual", config: {} });
  });

  it("never lets another trader change a bot, and lets a viewer-role owner only read", async () => {
    const id = await newBot();
    const mallory = await t.token("mallory");
    expect((await t.execute(StartBot, { id }, { token: mallory })).data?.startBot.userErrors[0]?.code).toBe(
      "NOT_FOUND",
    );
    expect((await t.execute(DeleteBot, { id }, { token: mallory })).data?.deleteBot.userErrors[0]?.code).toBe(
      "NOT_FOUND",
    );
    const readOnlyAlice = await t.token("alice", ["viewer"]);
    expect((await t.execute(StartBot, { id }, { token: readOnlyAlice })).errors?.[0]?.extensions?.["code"]).toBe(
      "FORBIDDEN",
    );
  });
});
