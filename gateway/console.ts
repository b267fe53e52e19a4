import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { PROJECT_ROOT } from "../src/paths.js";

/** Where `npm run build` puts the web console (`console/`, built by Vite). */
export const CONSOLE_DIR = join(PROJECT_ROOT, "dist", "console");

/** The path the console is served under. */
export const CONSOLE_PATH = "/console";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

/** The console loads only its own files and talks only to this origin (HTTP and graphql-ws). */
const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS = {
  "content-security-policy": CONSOLE_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Whether `path` is the console's (`/console` or below it). */
export function isConsolePath(path: string): boolean {
  return path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);
}

/** Tells the page that `GET /dev/token` answers, so that it asks only then (a 404 would be logged in its console). */
const DEV_TOKEN_META = '<meta name="tradebot-dev-token" content="offered" />';

/**
 * Serves the built console: its hashed assets (cached for a year), and `index.html` for every other
 * path below `/console/`, as the app routes in the page (marked when a dev token is offered). 404
 * with a hint when it was not built.
 */
export async function serveConsole(
  path: string,
  res: ServerResponse,
  options: { devTokenOffered: boolean; dir?: string },
): Promise<void> {
  const dir = options.dir ?? CONSOLE_DIR;
  if (path === CONSOLE_PATH) {
    res.writeHead(308, { location: `${CONSOLE_PATH}/` }).end();
    return;
  }
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(path.slice(CONSOLE_PATH.length + 1)));
  } catch {
    res.writeHead(400, { ...HEADERS, "content-type": "text/plain; charset=utf-8" }).end("Malformed path.");
    return;
  }
  const isAsset = relative.startsWith(`assets${sep}`) && !relative.includes("..");
  const file = isAsset ? join(dir, relative) : join(dir, "index.html");
  try {
    const read = await readFile(file);
    const body =
      !isAsset && options.devTokenOffered ? read.toString("utf8").replace("</head>", `${DEV_TOKEN_META}</head>`) : read;
    res
      .writeHead(200, {
        ...HEADERS,
        "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": isAsset ? "public, max-age=31536000, immutable" : "no-cache",
      })
      .end(body);
  } catch {
    const message = isAsset
      ? `No console asset ${path}.`
      : "The web console is not built: run npm run build (npm ci does it too).";
    res.writeHead(404, { ...HEADERS, "content-type": "text/plain; charset=utf-8" }).end(message);
  }
}
