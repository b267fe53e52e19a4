import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "../../src/db/orm.js";
import { recordEvent } from "../../src/events/outbox.js";
import {
  compileFlag,
  evaluateFlag,
  type CompiledFlag,
  type FlagEvaluation,
  type FlagSnapshot,
} from "../../src/flags/evaluate.js";
import { argumentError, userError, UserErrorCode, type UserError } from "../../src/subgraph/errors.js";
import { checkText } from "../../src/subgraph/validation/text.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import type { UpsertFeatureFlagInput } from "./feature-flag.input.js";
import { flagsOutbox } from "./outbox.js";

/** What a flag key must look like. */
export const FLAG_KEY = /^[a-z0-9_.-]{1,64}$/;
const MAX_USER_IDS = 10_000;
/** At most this many keys in one `evaluateFlags`. */
export const MAX_EVALUATED_KEYS = 200;

/** The actor of changes made from configuration at start. */
export const CONFIG_ACTOR = "config";

/** Checks a flag's desired state; every problem is reported with its field path. */
export function validateFlag(input: UpsertFeatureFlagInput): UserError[] {
  const errors: UserError[] = [];
  if (!FLAG_KEY.test(input.key))
    errors.push(userError(["key"], `key: must match [a-z0-9_.-]{1,64}, got ${JSON.stringify(input.key)}`));
  if (input.description != null) checkText(input.description, ["description"], { max: 500, multiline: true }, errors);
  if (!Number.isInteger(input.rolloutPercentage) || input.rolloutPercentage < 0 || input.rolloutPercentage > 100) {
    errors.push(
      userError(["rolloutPercentage"], `rolloutPercentage: must be between 0 and 100, got ${input.rolloutPercentage}`),
    );
  }
  for (const list of ["allowUserIds", "denyUserIds"] as const) {
    if (input[list].length > MAX_USER_IDS)
      errors.push(userError([list], `${list}: must hold at most ${MAX_USER_IDS} user ids`));
    input[list].forEach((id, index) => checkText(id, [list, String(index)], { min: 1, max: 255 }, errors));
  }
  const denied = new Set(input.denyUserIds);
  const both = input.allowUserIds.filter((id) => denied.has(id));
  if (both.length > 0) {
    errors.push(
      userError(
        ["allowUserIds"],
        `allowUserIds: ${both.map((id) => JSON.stringify(id)).join(", ")} also in denyUserIds; a user may be on one list only`,
      ),
    );
  }
  const seen = new Set<string>();
  input.variants.forEach((variant, index) => {
    checkText(variant.name, ["variants", String(index), "name"], { min: 1, max: 64 }, errors);
    if (seen.has(variant.name))
      errors.push(
        userError(
          ["variants", String(index), "name"],
          `variants.${index}.name: duplicate variant name ${JSON.stringify(variant.name)}`,
        ),
      );
    seen.add(variant.name);
    if (!Number.isInteger(variant.weight) || variant.weight <= 0) {
      errors.push(
        userError(
          ["variants", String(index), "weight"],
          `variants.${index}.weight: must be a whole number greater than 0, got ${variant.weight}`,
        ),
      );
    }
  });
  return errors;
}

/** A flag as events, caches and snapshots carry it. */
export function snapshotOf(flag: FeatureFlag): FlagSnapshot {
  return {
    key: flag.key,
    description: flag.description,
    enabled: flag.enabled,
    rolloutPercentage: flag.rolloutPercentage,
    allowUserIds: [...flag.allowUserIds],
    denyUserIds: [...flag.denyUserIds],
    variants: flag.variants.map(({ name, weight }) => ({ name, weight })),
    updatedAt: flag.updatedAt.toISOString(),
  };
}

const sameState = (a: FlagSnapshot, b: FlagSnapshot): boolean =>
  JSON.stringify({ ...a, updatedAt: "" }) === JSON.stringify({ ...b, updatedAt: "" });

/** The rules of feature flags, independent of GraphQL. Every change records `flag.updated` in its transaction. */
export class FeatureFlagService {
  constructor(
    private readonly em: EntityManager,
    private readonly requestId?: string,
  ) {}

  /** Every flag, by key. */
  list(): Promise<FeatureFlag[]> {
    return this.em.find(FeatureFlag, {}, { orderBy: { key: "asc" } });
  }

  /** One flag, or null. */
  get(key: string): Promise<FeatureFlag | null> {
    return this.em.findOne(FeatureFlag, { key });
  }

  /** Creates or replaces a flag's state on behalf of `actor`; nothing is stored when the input is invalid. */
  async upsert(
    actor: string,
    input: UpsertFeatureFlagInput,
  ): Promise<{ flag: FeatureFlag | null; userErrors: UserError[] }> {
    const userErrors = validateFlag(input);
    if (userErrors.length > 0) return { flag: null, userErrors };
    const state = {
      description: input.description?.trim() || null,
      enabled: input.enabled,
      rolloutPercentage: input.rolloutPercentage,
      allowUserIds: [...new Set(input.allowUserIds.map((id) => id.trim()))],
      denyUserIds: [...new Set(input.denyUserIds.map((id) => id.trim()))],
      variants: input.variants.map(({ name, weight }) => ({ name: name.trim(), weight })),
    };
    const existing = await this.em.findOne(FeatureFlag, { key: input.key });
    const before = existing === null ? null : snapshotOf(existing);
    if (existing !== null && before !== null && sameState(before, { ...before, ...state })) {
      return { flag: existing, userErrors: [] };
    }
    const flag = existing ?? this.em.create(FeatureFlag, { key: input.key });
    this.em.assign(flag, { ...state, updatedAt: new Date() });
    this.record(input.key, before, snapshotOf(flag), actor);
    await this.em.flush();
    return { flag, userErrors: [] };
  }

  /** Deletes a flag on behalf of `actor`. */
  async delete(actor: string, key: string): Promise<{ deletedKey: string | null; userErrors: UserError[] }> {
    const flag = await this.get(key);
    if (flag === null) {
      return {
        deletedKey: null,
        userErrors: [argumentError("key", `key: no flag ${JSON.stringify(key)}`, UserErrorCode.NotFound)],
      };
    }
    this.record(key, snapshotOf(flag), null, actor);
    this.em.remove(flag);
    await this.em.flush();
    return { deletedKey: key, userErrors: [] };
  }

  /**
   * Creates each flag of `flags` (key → enabled) that does not exist yet, at 100 %; an existing flag is
   * left as stored, so an admin's change wins over configuration. Returns the keys created.
   */
  async bootstrap(flags: Readonly<Record<string, boolean>>): Promise<string[]> {
    const created: string[] = [];
    for (const [key, enabled] of Object.entries(flags)) {
      try {
        const flag = await this.em.fork().transactional(async (em) => {
          if ((await em.findOne(FeatureFlag, { key })) !== null) return null;
          const made = em.create(FeatureFlag, { key, description: "Created at start from configuration.", enabled });
          new FeatureFlagService(em, this.requestId).record(key, null, snapshotOf(made), CONFIG_ACTOR);
          return made;
        });
        if (flag !== null) created.push(key);
      } catch (error) {
        // Another process starting at the same time created it first: it exists, which is all we want.
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
    }
    return created;
  }

  /** Evaluates `keys` (every flag when null) for a targeting key, from the stored state. */
  async evaluate(keys: readonly string[] | null, targetingKey: string | null): Promise<FlagEvaluation[]> {
    const stored = await this.em.find(FeatureFlag, keys === null ? {} : { key: { $in: [...new Set(keys)] } }, {
      orderBy: { key: "asc" },
    });
    const compiled = new Map<string, CompiledFlag>(stored.map((flag) => [flag.key, compileFlag(snapshotOf(flag))]));
    return (keys ?? [...compiled.keys()]).map((key) => evaluateFlag(key, compiled.get(key), targetingKey));
  }

  /** Adds `flag.updated` to the outbox, committed with the caller's flush. */
  record(key: string, before: FlagSnapshot | null, after: FlagSnapshot | null, actor: string): void {
    recordEvent(this.em, flagsOutbox, "flag.updated", {
      ownerId: null,
      data: { key, before, after, actor },
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    });
  }
}
