import { randomBytes } from "node:crypto";
import { canSee, isAdmin, type Viewer } from "../../src/auth/viewer.js";
import { seal } from "../../src/crypto/seal.js";
import type { EntityManager } from "../../src/db/orm.js";
import { findPage, type PageArgs } from "../../src/db/paginate.js";
import type { Page } from "../../src/subgraph/connection.js";
import { argumentError, userError, UserErrorCode, type UserError } from "../../src/subgraph/errors.js";
import { checkText } from "../../src/subgraph/validation/text.js";
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { checkDestination, type SsrfPolicy } from "./ssrf.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from "./webhook-endpoint.input.js";

const MAX_URL_LENGTH = 2048;

/** A new signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** Checks an endpoint's URL: absolute, http(s), no credentials, bounded length. */
export function checkEndpointUrl(value: string, errors: UserError[]): string {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    errors.push(userError(["url"], `url: must be an absolute http(s) URL, got ${JSON.stringify(value)}`));
    return text;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    errors.push(userError(["url"], `url: must use http or https, got "${url.protocol}"`));
  if (url.username !== "" || url.password !== "") errors.push(userError(["url"], "url: must not contain credentials"));
  if (text.length > MAX_URL_LENGTH)
    errors.push(userError(["url"], `url: must be at most ${MAX_URL_LENGTH} characters`));
  return text;
}

/** Checks event types: known ones or `*`, at least one, no repeats. */
export function checkEventTypes(eventTypes: readonly string[], errors: UserError[]): string[] {
  const unknown = eventTypes.filter(
    (type) => type !== ALL_EVENTS && !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type),
  );
  if (eventTypes.length === 0)
    errors.push(userError(["eventTypes"], 'eventTypes: must name at least one event type, or "*"'));
  if (unknown.length > 0) {
    errors.push(
      userError(
        ["eventTypes"],
        `eventTypes: unknown event type${unknown.length > 1 ? "s" : ""} ${unknown.map((t) => JSON.stringify(t)).join(", ")}; known: ${WEBHOOK_EVENT_TYPES.join(", ")} or "*"`,
      ),
    );
  }
  return [...new Set(eventTypes)];
}

/** The rules of webhook endpoints, independent of GraphQL. */
export class WebhookEndpointService {
  constructor(
    private readonly em: EntityManager,
    private readonly secretKey: string,
    private readonly policy: SsrfPolicy,
  ) {}

  /** Creates an endpoint owned by `owner`; returns it with its secret in clear, this once. */
  async create(
    owner: Viewer,
    input: CreateWebhookEndpointInput,
  ): Promise<{ endpoint: WebhookEndpoint | null; secret: string | null; userErrors: UserError[] }> {
    const errors: UserError[] = [];
    const url = checkEndpointUrl(input.url, errors);
    const eventTypes = checkEventTypes(input.eventTypes, errors);
    if (errors.length === 0) {
      const destination = await checkDestination(url, this.policy);
      if (!destination.ok) errors.push(userError(["url"], destination.reason));
    }
    const description =
      input.description == null
        ? null
        : checkText(input.description, ["description"], { max: 500, multiline: true }, errors);
    if (errors.length > 0) return { endpoint: null, secret: null, userErrors: errors };
    const secret = generateSigningSecret();
    const endpoint = this.em.create(WebhookEndpoint, {
      ownerId: owner.id,
      url,
      eventTypes,
      description: description || null,
      sealedSecret: seal(secret, this.secretKey),
    });
    await this.em.flush();
    return { endpoint, secret, userErrors: [] };
  }

  /**
   * Changes what `input` names of an endpoint the viewer may change, with the checks of `create`
   * (a new URL's destination included). Re-enabling clears `disabledReason` and the failing streak.
   */
  async update(
    viewer: Viewer,
    id: string,
    input: UpdateWebhookEndpointInput,
    now = new Date(),
  ): Promise<{ endpoint: WebhookEndpoint | null; userErrors: UserError[] }> {
    const endpoint = await this.writable(viewer, id);
    if (endpoint === null) return { endpoint: null, userErrors: [notFound(id)] };
    const errors: UserError[] = [];
    const url = input.url == null ? endpoint.url : checkEndpointUrl(input.url, errors);
    const eventTypes = input.eventTypes == null ? endpoint.eventTypes : checkEventTypes(input.eventTypes, errors);
    if (errors.length === 0 && url !== endpoint.url) {
      const destination = await checkDestination(url, this.policy);
      if (!destination.ok) errors.push(userError(["url"], destination.reason));
    }
    const description =
      input.description === undefined
        ? endpoint.description
        : input.description === null
          ? null
          : checkText(input.description, ["description"], { max: 500, multiline: true }, errors) || null;
    if (errors.length > 0) return { endpoint: null, userErrors: errors };
    this.em.assign(endpoint, { url, eventTypes, description });
    if (input.enabled === true && !endpoint.enabled) {
      this.em.assign(endpoint, { enabled: true, disabledReason: null, failingSince: null });
    } else if (input.enabled === false && endpoint.enabled) {
      this.em.assign(endpoint, {
        enabled: false,
        disabledReason: `Disabled through updateWebhookEndpoint on ${now.toISOString()}.`,
      });
    }
    await this.em.flush();
    return { endpoint, userErrors: [] };
  }

  /**
   * Deletes an endpoint the viewer may change, with its deliveries: attempts already queued find no
   * delivery and stop.
   */
  async delete(viewer: Viewer, id: string): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
    const endpoint = await this.writable(viewer, id);
    if (endpoint === null) return { deletedId: null, userErrors: [notFound(id)] };
    await this.em.transactional(async (em) => {
      await em.nativeDelete(WebhookDelivery, { endpointId: endpoint.id });
      await em.nativeDelete(WebhookEndpoint, { id: endpoint.id });
    });
    return { deletedId: id, userErrors: [] };
  }

  /** A new signing secret for an endpoint the viewer may change; the previous one keeps signing for the grace period. */
  async rotate(
    viewer: Viewer,
    id: string,
  ): Promise<{ endpoint: WebhookEndpoint | null; secret: string | null; userErrors: UserError[] }> {
    const endpoint = await this.writable(viewer, id);
    if (endpoint === null) return { endpoint: null, secret: null, userErrors: [notFound(id)] };
    const secret = generateSigningSecret();
    this.em.assign(endpoint, {
      previousSealedSecret: endpoint.sealedSecret,
      sealedSecret: seal(secret, this.secretKey),
      secretRotatedAt: new Date(),
    });
    await this.em.flush();
    return { endpoint, secret, userErrors: [] };
  }

  /** The viewer's endpoints (all for an admin), oldest first. */
  list(viewer: Viewer, args: PageArgs): Promise<Page<WebhookEndpoint>> {
    return findPage(this.em, WebhookEndpoint, isAdmin(viewer) ? {} : { ownerId: viewer.id }, args);
  }

  /** Keeps only what the viewer may see. */
  static visible(viewer: Viewer | null, endpoint: WebhookEndpoint | null): WebhookEndpoint | null {
    return endpoint !== null && canSee(viewer, endpoint.ownerId) ? endpoint : null;
  }

  /** The endpoint, when the viewer owns it or is an admin; null otherwise (not revealing that it exists). */
  private async writable(viewer: Viewer, id: string): Promise<WebhookEndpoint | null> {
    return WebhookEndpointService.visible(viewer, await this.em.findOne(WebhookEndpoint, { id }));
  }
}

/** The userError for an endpoint that does not exist or that the viewer may not see. */
export function notFound(id: string): UserError {
  return argumentError("id", `id: no webhook endpoint ${JSON.stringify(id)} that you can see`, UserErrorCode.NotFound);
}
