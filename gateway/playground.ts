import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

/** The product's name, the playground's title. */
const TITLE = "tradebot-graph";

/** One tab of the playground's tour: its operation, variables and headers. */
interface TourTab {
  query: string;
  variables?: string;
  headers?: string;
}

const tour = (headers: string): TourTab[] => [
  {
    query: `# Welcome to tradebot-graph!
# Run each tab in turn: ▶ or Ctrl-Enter.
#
# 1. Create a bot, then copy its id:
#    the next tabs ask for it. The paper
#    exchange prices a new symbol at once.
mutation CreateBot {
  createBot(
    input: { name: "My first bot", symbol: "BTC/USDT" }
  ) {
    bot { id name symbol status }
    userErrors { field message code }
  }
}
`,
    headers,
  },
  {
    query: `# 2. Start it: only a RUNNING bot takes
#    orders. Put its id in the variables.
mutation StartBot($botId: ID!) {
  startBot(id: $botId) {
    bot { id status }
    userErrors { field message code }
  }
}
`,
    variables: JSON.stringify({ botId: "<the id from tab 1>" }, null, 2),
    headers,
  },
  {
    query: `# 3. Watch your trades: run this first,
#    it keeps streaming (server-sent events).
subscription Trades {
  tradeExecuted {
    id
    symbol
    side
    quantity
    price
    fee
    realizedPnl
    executedAt
  }
}
`,
    headers,
  },
  {
    query: `# 4. Submit an order: it is PENDING at
#    once, a job fills it, tab 3 shows the
#    trade. The same clientOrderId returns
#    the same order: change it for another.
mutation SubmitOrder($botId: ID!) {
  submitOrder(
    input: {
      botId: $botId
      clientOrderId: "first-order"
      side: BUY
      type: MARKET
      quantity: "0.01"
    }
  ) {
    order { id status }
    userErrors { field message code }
  }
}
`,
    variables: JSON.stringify({ botId: "<the id from tab 1>" }, null, 2),
    headers,
  },
];

/** `'sha256-…'` of an inline element's text, as a CSP source. */
function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

/** The text of each inline `<tag>` element of `html` (those without a `src`). */
function inlineTexts(html: string, tag: "script" | "style"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => match[1] ?? "");
}

/**
 * The playground's policy: its own inline script (by hash) and nothing else runs; the editors'
 * workers start from blob: URLs; requests go only to this origin (HTTP, SSE and WebSocket).
 * Styles may be inline, as the editor inserts its own style elements at run time.
 */
function playgroundPolicy(html: string): string {
  return [
    "default-src 'none'",
    `script-src ${inlineTexts(html, "script").map(hashSource).join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "worker-src blob:",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A rendered playground page and its Content-Security-Policy. */
interface PlaygroundPage {
  html: string;
  policy: string;
}

/** Renders GraphiQL from the installed package (no CDN) with the tour, and the policy that lets exactly it run. */
function renderPlayground(headers: string): PlaygroundPage {
  const options: GraphiQLOptions = {
    title: TITLE,
    endpoint: "/graphql",
    subscriptionsProtocol: "SSE",
    headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    defaultTabs: tour(headers),
  };
  const html = renderGraphiQL(options);
  return { html, policy: playgroundPolicy(html) };
}

/** The GraphiQL playground; {@link Playground.serve} answers a browser's GET of `/graphql`. */
export interface Playground {
  /** Sends the page; `devToken` (development, loopback clients only) prefills the authorization header. */
  serve(res: ServerResponse, devToken: string | undefined): void;
}

/** The playground; a page is rendered once (9 MB: GraphiQL and its editors inline), and again when the dev token changes. */
export function createPlayground(): Playground {
  let anonymous: PlaygroundPage | undefined;
  let withToken: { token: string; page: PlaygroundPage } | undefined;
  const pageFor = (devToken: string | undefined): PlaygroundPage => {
    if (devToken === undefined) return (anonymous ??= renderPlayground("{}"));
    if (withToken?.token !== devToken) {
      const headers = JSON.stringify({ authorization: `Bearer ${devToken}` }, null, 2);
      withToken = { token: devToken, page: renderPlayground(headers) };
    }
    return withToken.page;
  };
  return {
    serve(res, devToken) {
      const page = pageFor(devToken);
      res
        .writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": page.policy,
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
          "referrer-policy": "no-referrer",
        })
        .end(page.html);
    },
  };
}

/** Whether a request is a browser asking for the playground: a GET of the endpoint that accepts HTML. */
export function wantsPlayground(method: string | undefined, accept: string | undefined): boolean {
  return method === "GET" && accept !== undefined && accept.includes("text/html");
}
