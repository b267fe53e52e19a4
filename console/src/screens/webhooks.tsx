import { useEffect, useState } from "preact/hooks";
import { request } from "../api";
import { Alert, Field, fieldErrors, NO_ERRORS, Notice, type FieldErrors } from "../components/forms";
import { dateTime } from "../format";
import { graphql } from "../gql";
import type { ConsoleEndpointFragment } from "../gql/graphql";
import { useQuery } from "../hooks";

graphql(`
  fragment ConsoleEndpoint on WebhookEndpoint {
    id
    url
    description
    eventTypes
    enabled
    disabledReason
    createdAt
  }
`);

const Endpoints = graphql(`
  query ConsoleWebhookEndpoints {
    webhookEndpoints(first: 100) {
      totalCount
      edges {
        node {
          ...ConsoleEndpoint
        }
      }
    }
    webhookEventTypes
  }
`);

const Deliveries = graphql(`
  query ConsoleWebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      ...ConsoleEndpoint
      deliveries(first: 100) {
        totalCount
        edges {
          node {
            id
            eventId
            eventType
            status
            nextAttemptAt
            createdAt
            attempts {
              attemptedAt
              responseStatus
              durationMs
              error
            }
          }
        }
      }
    }
  }
`);

const CreateEndpoint = graphql(`
  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpoint {
        ...ConsoleEndpoint
      }
      secret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SetEnabled = graphql(`
  mutation ConsoleSetWebhookEnabled($id: ID!, $enabled: Boolean!) {
    updateWebhookEndpoint(id: $id, input: { enabled: $enabled }) {
      endpoint {
        ...ConsoleEndpoint
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const SendTest = graphql(`
  mutation ConsoleSendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      delivery {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const Redeliver = graphql(`
  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      delivery {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** While a delivery is PENDING its attempts are fetched again this often. */
const PENDING_REFRESH_MS = 2000;

/** Webhook endpoints, a form for a new one, and the deliveries of the one selected (`selected`). */
export function WebhooksScreen(props: { selected?: string | undefined }) {
  const { result, refetch } = useQuery(Endpoints, {});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  async function toggle(endpoint: ConsoleEndpointFragment) {
    const outcome = await request(SetEnabled, { id: endpoint.id, enabled: !endpoint.enabled });
    const errors = outcome.error ?? outcome.data.updateWebhookEndpoint.userErrors.map((e) => e.message).join(" ");
    setFailure(errors || undefined);
    await refetch();
  }

  async function sendTest(endpoint: ConsoleEndpointFragment) {
    const outcome = await request(SendTest, { id: endpoint.id });
    const errors = outcome.error ?? outcome.data.sendTestWebhook.userErrors.map((e) => e.message).join(" ");
    setFailure(errors || undefined);
    setMessage(errors ? undefined : `Sent a webhook.test event to ${endpoint.url}.`);
    if (!errors) location.hash = `#/webhooks/${encodeURIComponent(endpoint.id)}`;
  }

  const endpoints = result?.data?.webhookEndpoints.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <header class="screen-header">
        <h1>Webhooks</h1>
        {result?.data && <span class="muted">{result.data.webhookEndpoints.totalCount} endpoints</span>}
      </header>
      <Alert message={result?.error ?? failure} />
      <Notice message={message} />
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {result === undefined ? (
          <p class="muted">Loading…</p>
        ) : endpoints.length === 0 && !result.error ? (
          <p class="muted">No endpoints yet: add one below.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Event types</th>
                <th scope="col">Enabled</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} class={endpoint.id === props.selected ? "selected" : undefined}>
                  <th scope="row">
                    <a
                      href={`#/webhooks/${encodeURIComponent(endpoint.id)}`}
                      aria-current={endpoint.id === props.selected ? "true" : undefined}
                    >
                      {endpoint.url}
                    </a>
                    {endpoint.description && <small class="muted block">{endpoint.description}</small>}
                  </th>
                  <td>
                    {endpoint.eventTypes.map((type) => (
                      <code key={type} class="tag">
                        {type}
                      </code>
                    ))}
                  </td>
                  <td>
                    {endpoint.enabled ? "Yes" : "No"}
                    {endpoint.disabledReason && <small class="muted block">{endpoint.disabledReason}</small>}
                  </td>
                  <td class="actions-cell">
                    <div class="controls">
                      <button type="button" class="small secondary" onClick={() => void toggle(endpoint)}>
                        {endpoint.enabled ? "Disable" : "Enable"}
                      </button>
                      <button type="button" class="small secondary" onClick={() => void sendTest(endpoint)}>
                        Send test
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {props.selected && <DeliveriesPanel key={props.selected} endpointId={props.selected} />}
      <CreateEndpointForm eventTypes={result?.data?.webhookEventTypes ?? []} onCreated={() => void refetch()} />
    </>
  );
}

function DeliveriesPanel(props: { endpointId: string }) {
  const { result, refetch } = useQuery(Deliveries, { id: props.endpointId });
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const endpoint = result?.data?.webhookEndpoint;
  const deliveries = endpoint?.deliveries.edges.map((edge) => edge.node) ?? [];
  const pending = deliveries.some((delivery) => delivery.status === "PENDING");

  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refetch(), PENDING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, refetch]);

  async function redeliver(deliveryId: string) {
    const outcome = await request(Redeliver, { deliveryId });
    const errors = outcome.error ?? outcome.data.redeliverWebhook.userErrors.map((e) => e.message).join(" ");
    setFailure(errors || undefined);
    await refetch();
  }

  return (
    <section class="card" aria-labelledby="deliveries-title">
      <header class="card-header">
        <h2 id="deliveries-title">Deliveries{endpoint ? ` to ${endpoint.url}` : ""}</h2>
        <button type="button" class="small secondary" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Alert message={result?.error ?? failure} />
      {result?.data && endpoint == null && (
        <Alert message={`There is no endpoint ${props.endpointId} that you can see.`} />
      )}
      {endpoint && deliveries.length === 0 && <p class="muted">No deliveries yet.</p>}
      {[...deliveries].reverse().map((delivery) => (
        <article class="delivery" key={delivery.id} aria-label={`Delivery of ${delivery.eventType}`}>
          <header>
            <code class="tag">{delivery.eventType}</code>
            <span class={`badge badge-${delivery.status.toLowerCase()}`}>{delivery.status}</span>
            <span class="muted">
              created {dateTime(delivery.createdAt)}
              {delivery.nextAttemptAt && ` · next attempt ${dateTime(delivery.nextAttemptAt)}`}
            </span>
            <button type="button" class="small secondary" onClick={() => void redeliver(delivery.id)}>
              Redeliver
            </button>
          </header>
          {delivery.attempts.length === 0 ? (
            <p class="muted">No attempt yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Attempted at</th>
                  <th scope="col" class="number">
                    Response status
                  </th>
                  <th scope="col" class="number">
                    Duration (ms)
                  </th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {delivery.attempts.map((attempt) => (
                  <tr key={attempt.attemptedAt}>
                    <td>{dateTime(attempt.attemptedAt)}</td>
                    <td
                      class={`number ${attempt.responseStatus !== null && attempt.responseStatus < 300 ? "positive" : "negative"}`}
                    >
                      {attempt.responseStatus ?? "—"}
                    </td>
                    <td class="number">{attempt.durationMs}</td>
                    <td>{attempt.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  );
}

const ENDPOINT_FIELDS = ["url", "eventTypes", "description"] as const;

function CreateEndpointForm(props: { eventTypes: readonly string[]; onCreated(): void }) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [selected, setSelected] = useState<string[]>(["*"]);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  function toggle(type: string, on: boolean) {
    setSelected((current) => (on ? [...current, type] : current.filter((known) => known !== type)));
  }

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const result = await request(CreateEndpoint, {
      input: { url: url.trim(), eventTypes: selected, ...(description.trim() ? { description } : {}) },
    });
    setBusy(false);
    setFailure(result.error);
    if (result.error !== undefined) return setErrors(NO_ERRORS);
    const payload = result.data.createWebhookEndpoint;
    setErrors(fieldErrors(payload.userErrors, ENDPOINT_FIELDS));
    if (payload.endpoint) {
      setSecret(payload.secret ?? undefined);
      setUrl("");
      setDescription("");
      props.onCreated();
    }
  }

  const typeErrors = errors.byField["eventTypes"];
  return (
    <section class="card" aria-labelledby="create-endpoint-title">
      <h2 id="create-endpoint-title">Add an endpoint</h2>
      <form class="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          id="endpoint-url"
          label="URL"
          hint="An absolute http(s) URL that receives POSTs"
          errors={errors.byField["url"]}
        >
          {(control) => (
            <input
              {...control}
              name="url"
              type="url"
              placeholder="https://example.com/hooks"
              value={url}
              onInput={(event) => setUrl(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="endpoint-description" label="Description" errors={errors.byField["description"]}>
          {(control) => (
            <input
              {...control}
              name="description"
              value={description}
              onInput={(event) => setDescription(event.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset
          class={typeErrors ? "field wide invalid" : "field wide"}
          aria-describedby={typeErrors ? "endpoint-event-types-error" : undefined}
        >
          <legend>Event types</legend>
          <div class="checkboxes">
            {["*", ...props.eventTypes].map((type) => (
              <label key={type} class="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(type)}
                  onChange={(event) => toggle(type, event.currentTarget.checked)}
                />
                {type === "*" ? "All events (*)" : type}
              </label>
            ))}
          </div>
          {typeErrors && (
            <div class="field-error" id="endpoint-event-types-error">
              {typeErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}
        </fieldset>
        <div class="form-footer">
          <button type="submit" disabled={busy}>
            Add endpoint
          </button>
          <Alert message={failure ?? (errors.other.length > 0 ? errors.other.join(" ") : undefined)} />
          {secret && (
            <p class="notice" role="status">
              Endpoint added. Its signing secret, shown only now: <code>{secret}</code>
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
