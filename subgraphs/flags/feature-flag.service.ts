import type { EntityManager } from "../../src/db/orm.js";
import { userError, type UserError } from "../../src/graphql/errors.js";
import { checkText } from "../../src/validation/text.js";
import { FeatureFlag } from "./feature-flag.entity.js";
import type { UpsertFeatureFlagInput } from "./feature-flag.input.js";

const FLAG_KEY = /^[a-z0-9_.-]{1,64}$/;
const MAX_USER_IDS = 10_000;

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

/** The rules of feature flags, independent of GraphQL. */
export class FeatureFlagService {
  constructor(private readonly em: EntityManager) {}

  /** Every flag, by key. */
  list(): Promise<FeatureFlag[]> {
    return this.em.find(FeatureFlag, {}, { orderBy: { key: "asc" } });
  }

  /** Creates or replaces a flag's state. */
  async upsert(input: UpsertFeatureFlagInput): Promise<{ flag: FeatureFlag | null; userErrors: UserError[] }> {
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
    const flag = existing ?? this.em.create(FeatureFlag, { key: input.key });
    this.em.assign(flag, state);
    await this.em.flush();
    return { flag, userErrors: [] };
  }
}
