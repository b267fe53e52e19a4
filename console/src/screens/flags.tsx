import { useEffect, useState } from "preact/hooks";
import { request } from "../api";
import { Alert, Field, fieldErrors, NO_ERRORS, Notice, type FieldErrors } from "../components/forms";
import { dateTime } from "../format";
import { graphql } from "../gql";
import type { ConsoleEvaluateFlagQuery, ConsoleFlagFragment, UpsertFeatureFlagInput } from "../gql/graphql";
import { useQuery } from "../hooks";

graphql(`
  fragment ConsoleFlag on FeatureFlag {
    key
    description
    enabled
    rolloutPercentage
    allowUserIds
    denyUserIds
    variants {
      name
      weight
    }
    updatedAt
  }
`);

const Flags = graphql(`
  query ConsoleFlags {
    featureFlags {
      ...ConsoleFlag
    }
  }
`);

const UpsertFlag = graphql(`
  mutation ConsoleUpsertFlag($input: UpsertFeatureFlagInput!) {
    upsertFeatureFlag(input: $input) {
      flag {
        ...ConsoleFlag
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const EvaluateFlag = graphql(`
  query ConsoleEvaluateFlag($key: ID!, $targetingKey: String!) {
    evaluateFlag(key: $key, context: { targetingKey: $targetingKey }) {
      key
      value
      variant
      reason
      errorCode
    }
  }
`);

/** How long the user list must stay unchanged before it is evaluated. */
const EVALUATE_DELAY_MS = 250;

const SAMPLE_USERS = Array.from({ length: 20 }, (_, index) => `user-${index + 1}`).join(" ");

/** What upsertFeatureFlag needs to replace `flag` with `changes` applied. */
function inputOf(flag: ConsoleFlagFragment, changes: Partial<UpsertFeatureFlagInput>): UpsertFeatureFlagInput {
  return {
    key: flag.key,
    description: flag.description ?? null,
    enabled: flag.enabled,
    rolloutPercentage: flag.rolloutPercentage,
    allowUserIds: flag.allowUserIds,
    denyUserIds: flag.denyUserIds,
    variants: flag.variants.map(({ name, weight }) => ({ name, weight })),
    ...changes,
  };
}

/** Feature flags (admin): enable, roll out with a slider, and preview who gets a flag. */
export function FlagsScreen(props: { selected?: string | undefined }) {
  const { result, refetch } = useQuery(Flags, {});
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const flags = result?.data?.featureFlags ?? [];
  const selected = flags.find((flag) => flag.key === props.selected) ?? flags[0];

  async function save(flag: ConsoleFlagFragment, changes: Partial<UpsertFeatureFlagInput>, what: string) {
    const outcome = await request(UpsertFlag, { input: inputOf(flag, changes) });
    const errors = outcome.error ?? outcome.data.upsertFeatureFlag.userErrors.map((e) => e.message).join(" ");
    setFailure(errors || undefined);
    setSaved(errors ? undefined : `Saved ${flag.key}: ${what}.`);
    await refetch();
  }

  return (
    <>
      <header class="screen-header">
        <h1>Feature flags</h1>
        {result?.data && <span class="muted">{flags.length} flags</span>}
      </header>
      <Alert message={result?.error ?? failure} />
      <Notice message={saved} />
      <section class="card" aria-labelledby="flags-title">
        <h2 id="flags-title">Flags</h2>
        {result === undefined ? (
          <p class="muted">Loading…</p>
        ) : flags.length === 0 && !result.error ? (
          <p class="muted">No flags yet: create one below.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Enabled</th>
                <th scope="col">Rollout</th>
                <th scope="col">Targeting</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((flag) => (
                <FlagRow
                  key={`${flag.key}@${flag.updatedAt}`}
                  flag={flag}
                  selected={flag.key === selected?.key}
                  onSave={(changes, what) => void save(flag, changes, what)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && <Preview key={selected.key} flag={selected} />}
      <CreateFlagForm onCreated={() => void refetch()} />
    </>
  );
}

function FlagRow(props: {
  flag: ConsoleFlagFragment;
  selected: boolean;
  onSave(changes: Partial<UpsertFeatureFlagInput>, what: string): void;
}) {
  const { flag } = props;
  const [rollout, setRollout] = useState(flag.rolloutPercentage);
  const sliderId = `rollout-${flag.key}`;
  return (
    <tr class={props.selected ? "selected" : undefined}>
      <th scope="row">
        <a href={`#/flags/${encodeURIComponent(flag.key)}`} aria-current={props.selected ? "true" : undefined}>
          <code>{flag.key}</code>
        </a>
        {flag.description && <small class="muted block">{flag.description}</small>}
      </th>
      <td>
        <label class="switch">
          <input
            type="checkbox"
            checked={flag.enabled}
            onChange={(event) =>
              props.onSave(
                { enabled: event.currentTarget.checked },
                event.currentTarget.checked ? "enabled" : "disabled",
              )
            }
          />
          <span class="visually-hidden">Enabled {flag.key}</span>
        </label>
      </td>
      <td>
        <div class="slider">
          <label for={sliderId} class="visually-hidden">
            Rollout of {flag.key}
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={1}
            value={rollout}
            onInput={(event) => setRollout(Number(event.currentTarget.value))}
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              props.onSave({ rolloutPercentage: value }, `rollout ${value} %`);
            }}
          />
          <output for={sliderId}>{rollout} %</output>
        </div>
      </td>
      <td class="small-text">
        {flag.allowUserIds.length > 0 && <span>allow: {flag.allowUserIds.join(", ")} </span>}
        {flag.denyUserIds.length > 0 && <span>deny: {flag.denyUserIds.join(", ")} </span>}
        {flag.variants.length > 0 && (
          <span>variants: {flag.variants.map((variant) => `${variant.name} (${variant.weight})`).join(", ")}</span>
        )}
        {flag.allowUserIds.length + flag.denyUserIds.length + flag.variants.length === 0 && (
          <span class="muted">—</span>
        )}
      </td>
      <td class="small-text">{dateTime(flag.updatedAt)}</td>
    </tr>
  );
}

type Evaluation = ConsoleEvaluateFlagQuery["evaluateFlag"] & { user: string };

async function evaluate(key: string, users: string[]): Promise<Evaluation[] | string> {
  const results = await Promise.all(users.map((user) => request(EvaluateFlag, { key, targetingKey: user })));
  const evaluations: Evaluation[] = [];
  for (const [index, result] of results.entries()) {
    if (result.error !== undefined) return result.error;
    evaluations.push({ user: users[index] ?? "", ...result.data.evaluateFlag });
  }
  return evaluations;
}

function Preview(props: { flag: ConsoleFlagFragment }) {
  const [text, setText] = useState(SAMPLE_USERS);
  const [evaluations, setEvaluations] = useState<Evaluation[] | string | undefined>(undefined);
  const users = [...new Set(text.split(/[\s,]+/).filter((user) => user !== ""))];
  const key = users.join(" ");

  // Evaluated again when the list settles and whenever the flag is saved.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void evaluate(props.flag.key, key === "" ? [] : key.split(" ")).then(
        (result) => current && setEvaluations(result),
      );
    }, EVALUATE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.flag.key, props.flag.updatedAt, key]);

  const on = Array.isArray(evaluations) ? evaluations.filter((evaluation) => evaluation.value).length : 0;
  return (
    <section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">
        Who sees <code>{props.flag.key}</code>
      </h2>
      <div class="split">
        <div class="field">
          <label for="preview-users">User ids</label>
          <textarea
            id="preview-users"
            rows={6}
            spellcheck={false}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <small class="hint">Separated by spaces, commas or new lines.</small>
        </div>
        <div>
          {typeof evaluations === "string" && <Alert message={evaluations} />}
          {Array.isArray(evaluations) && (
            <>
              <p class="summary" role="status">
                {on} of {evaluations.length} users get it
              </p>
              <table class="compact-table" aria-label={`Evaluations of ${props.flag.key}`}>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Value</th>
                    <th scope="col">Variant</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {evaluations.map((evaluation) => (
                    <tr key={evaluation.user}>
                      <th scope="row">{evaluation.user}</th>
                      <td class={evaluation.value ? "positive" : "muted"}>{evaluation.value ? "on" : "off"}</td>
                      <td>{evaluation.variant ?? "—"}</td>
                      <td>
                        {evaluation.reason}
                        {evaluation.errorCode && <small class="muted"> {evaluation.errorCode}</small>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

const FLAG_FIELDS = ["key", "description", "rolloutPercentage"] as const;

function CreateFlagForm(props: { onCreated(): void }) {
  const [key, setKey] = useState("");
  const [description, setDescription] = useState("");
  const [rollout, setRollout] = useState("100");
  const [enabled, setEnabled] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  async function submit(event: Event) {
    event.preventDefault();
    const result = await request(UpsertFlag, {
      input: {
        key: key.trim(),
        description: description.trim() || null,
        enabled,
        rolloutPercentage: Number.parseInt(rollout, 10),
      },
    });
    setFailure(result.error);
    if (result.error !== undefined) return setErrors(NO_ERRORS);
    const payload = result.data.upsertFeatureFlag;
    setErrors(fieldErrors(payload.userErrors, FLAG_FIELDS));
    if (payload.flag) {
      setKey("");
      setDescription("");
      props.onCreated();
      location.hash = `#/flags/${encodeURIComponent(payload.flag.key)}`;
    }
  }

  return (
    <section class="card" aria-labelledby="create-flag-title">
      <h2 id="create-flag-title">Create or replace a flag</h2>
      <form class="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <Field id="flag-key" label="Key" hint="[a-z0-9_.-], up to 64" errors={errors.byField["key"]}>
          {(control) => <input {...control} value={key} onInput={(event) => setKey(event.currentTarget.value)} />}
        </Field>
        <Field id="flag-description" label="Description" errors={errors.byField["description"]}>
          {(control) => (
            <input {...control} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
          )}
        </Field>
        <Field id="flag-rollout" label="Rollout (%)" errors={errors.byField["rolloutPercentage"]}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={100}
              value={rollout}
              onInput={(event) => setRollout(event.currentTarget.value)}
            />
          )}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
          Enabled
        </label>
        <div class="form-footer">
          <button type="submit">Save flag</button>
          <Alert message={failure ?? (errors.other.length > 0 ? errors.other.join(" ") : undefined)} />
        </div>
      </form>
    </section>
  );
}
