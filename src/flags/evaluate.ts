import murmurHash3 from "murmurhash3js";

/** A flag as every evaluator sees it: plain JSON, as events and snapshots carry it. */
export interface FlagSnapshot {
  key: string;
  description: string | null;
  enabled: boolean;
  rolloutPercentage: number;
  allowUserIds: string[];
  denyUserIds: string[];
  variants: { name: string; weight: number }[];
  /** ISO 8601; orders the versions of one flag. */
  updatedAt: string;
}

/** OpenFeature's resolution reasons (API.md, flags). */
export const EvaluationReason = {
  STATIC: "STATIC",
  TARGETING_MATCH: "TARGETING_MATCH",
  SPLIT: "SPLIT",
  DEFAULT: "DEFAULT",
  DISABLED: "DISABLED",
  ERROR: "ERROR",
} as const;
export type EvaluationReason = (typeof EvaluationReason)[keyof typeof EvaluationReason];

/** OpenFeature's error codes that evaluation can produce. */
export const FlagErrorCode = {
  FLAG_NOT_FOUND: "FLAG_NOT_FOUND",
  TARGETING_KEY_MISSING: "TARGETING_KEY_MISSING",
} as const;
export type FlagErrorCode = (typeof FlagErrorCode)[keyof typeof FlagErrorCode];

/** The answer for one flag and one targeting key. */
export interface FlagEvaluation {
  key: string;
  value: boolean;
  /** The assigned variant, when the flag is on for a targeting key and has variants. */
  variant: string | null;
  reason: EvaluationReason;
  errorCode: FlagErrorCode | null;
}

/** Unleash's seed for gradual rollout buckets (`normalizedStrategyValue`). */
export const ROLLOUT_SEED = 0;
/** Unleash's seed for variant buckets (`normalizedVariantValue`). */
export const VARIANT_SEED = 86_028_157;

/**
 * Unleash's `normalizedValue`: murmurhash3 x86 32 of `"<groupId>:<id>"` modulo `normalizer`, plus 1.
 * Uses the same murmurhash3js Unleash's SDKs use, so every string (not only ASCII) buckets as in Unleash.
 */
export function normalizedValue(id: string, groupId: string, normalizer: number, seed: number): number {
  return (murmurHash3.x86.hash32(`${groupId}:${id}`, seed) % normalizer) + 1;
}

/** The rollout bucket (1–100) of a targeting key for a flag: the same user lands in Unleash's cohort. */
export function rolloutBucket(flagKey: string, targetingKey: string): number {
  return normalizedValue(targetingKey, flagKey, 100, ROLLOUT_SEED);
}

/** A flag prepared for fast evaluation: user lists as sets, the variants' total weight summed once. */
export interface CompiledFlag {
  readonly key: string;
  readonly enabled: boolean;
  readonly rolloutPercentage: number;
  readonly allow: ReadonlySet<string>;
  readonly deny: ReadonlySet<string>;
  readonly variants: readonly { readonly name: string; readonly weight: number }[];
  readonly totalWeight: number;
  readonly updatedAt: string;
}

/** Prepares a flag for {@link evaluateFlag}. */
export function compileFlag(flag: FlagSnapshot): CompiledFlag {
  return {
    key: flag.key,
    enabled: flag.enabled,
    rolloutPercentage: flag.rolloutPercentage,
    allow: new Set(flag.allowUserIds),
    deny: new Set(flag.denyUserIds),
    variants: flag.variants.map(({ name, weight }) => ({ name, weight })),
    totalWeight: flag.variants.reduce((sum, variant) => sum + variant.weight, 0),
    updatedAt: flag.updatedAt,
  };
}

/**
 * The variant Unleash assigns (`selectVariantDefinition`): bucket = normalizedValue(targetingKey, flagKey,
 * totalWeight, 86028157); the first variant whose running weight reaches the bucket.
 */
export function selectVariant(flag: CompiledFlag, targetingKey: string): string | null {
  if (flag.totalWeight <= 0) return null;
  const target = normalizedValue(targetingKey, flag.key, flag.totalWeight, VARIANT_SEED);
  let counter = 0;
  for (const variant of flag.variants) {
    counter += variant.weight;
    if (counter >= target) return variant.name;
  }
  return null;
}

const result = (
  key: string,
  value: boolean,
  reason: EvaluationReason,
  variant: string | null = null,
  errorCode: FlagErrorCode | null = null,
): FlagEvaluation => ({ key, value, variant, reason, errorCode });

const on = (flag: CompiledFlag, reason: EvaluationReason, targetingKey: string | null): FlagEvaluation =>
  result(flag.key, true, reason, targetingKey === null ? null : selectVariant(flag, targetingKey));

/**
 * Evaluates a flag for a targeting key, by these rules in this order: unknown → ERROR/FLAG_NOT_FOUND;
 * disabled → DISABLED; denied → TARGETING_MATCH off; allowed → TARGETING_MATCH on; 100 % → STATIC;
 * 0 % → DEFAULT; no targeting key → ERROR/TARGETING_KEY_MISSING; else SPLIT on when the bucket ≤ rollout.
 * Pure and synchronous: every evaluator (GraphQL, OFREP, in-process caches) is this function.
 */
export function evaluateFlag(
  key: string,
  flag: CompiledFlag | undefined,
  targetingKey: string | null | undefined,
): FlagEvaluation {
  if (flag === undefined) return result(key, false, EvaluationReason.ERROR, null, FlagErrorCode.FLAG_NOT_FOUND);
  if (!flag.enabled) return result(key, false, EvaluationReason.DISABLED);
  const user = targetingKey === undefined || targetingKey === null || targetingKey === "" ? null : targetingKey;
  if (user !== null && flag.deny.has(user)) return result(key, false, EvaluationReason.TARGETING_MATCH);
  if (user !== null && flag.allow.has(user)) return on(flag, EvaluationReason.TARGETING_MATCH, user);
  if (flag.rolloutPercentage >= 100) return on(flag, EvaluationReason.STATIC, user);
  if (flag.rolloutPercentage <= 0) return result(key, false, EvaluationReason.DEFAULT);
  if (user === null) return result(key, false, EvaluationReason.ERROR, null, FlagErrorCode.TARGETING_KEY_MISSING);
  return rolloutBucket(key, user) <= flag.rolloutPercentage
    ? on(flag, EvaluationReason.SPLIT, user)
    : result(key, false, EvaluationReason.SPLIT);
}
