import { z } from "zod";

const positiveDecimal = z
  .string({ error: 'must be a decimal string such as "0.01"' })
  .regex(/^(0|[1-9]\d*)(\.\d+)?$/, { error: 'must be a decimal string such as "0.01"' })
  .refine((value) => Number(value) > 0, { error: "must be greater than 0" });

/** Every strategy a bot may run, with the schema of its `config`. */
export const STRATEGIES = {
  manual: z.object({}).strict(),
  dca: z
    .object({
      orderQuantity: positiveDecimal,
      intervalSeconds: z
        .int({ error: "must be a whole number of seconds" })
        .min(10, { error: "must be at least 10" })
        .max(604_800, { error: "must be at most 604800 (a week)" }),
    })
    .strict(),
  grid: z
    .object({
      lowerPrice: positiveDecimal,
      upperPrice: positiveDecimal,
      gridLevels: z
        .int({ error: "must be a whole number" })
        .min(2, { error: "must be at least 2" })
        .max(200, { error: "must be at most 200" }),
      orderQuantity: positiveDecimal,
    })
    .strict()
    .refine((grid) => Number(grid.upperPrice) > Number(grid.lowerPrice), {
      error: "must be greater than lowerPrice",
      path: ["upperPrice"],
    }),
  arbitrage: z
    .object({
      spreadThreshold: positiveDecimal,
      orderQuantity: positiveDecimal,
    })
    .strict(),
} as const;

/** Strategies still being tried out: each needs its feature flag on for the bot's owner. */
export const EXPERIMENTAL_STRATEGY_FLAGS: Partial<Record<keyof typeof STRATEGIES, string>> = {
  arbitrage: "arbitrage",
};

export type StrategyName = keyof typeof STRATEGIES;

/** Exchanges a bot may trade on. */
export const EXCHANGES = ["paper"] as const;

/** A problem with a strategy's config: the path inside `config` and what is wrong. */
export interface ConfigProblem {
  path: string[];
  message: string;
}

/** Checks `config` against the strategy's schema; every problem is returned. */
export function checkStrategyConfig(strategy: StrategyName, config: unknown): ConfigProblem[] {
  const result = STRATEGIES[strategy].safeParse(config);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    message:
      issue.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message,
  }));
}

/** True when `name` is a registered strategy. */
export function isStrategy(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGIES, name);
}
