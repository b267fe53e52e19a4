import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { CREDENTIAL_URL_KEYS, SECRET_KEYS, configSchema, type AppConfig } from "./schema.js";
import { ENV_MAPPINGS, convertString, valueKindOf } from "./sources.js";

/** Options for {@link loadConfig}; both default to the current process. */
export interface LoadConfigOptions {
  /** Environment to read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Directory that CONFIG_FILE, dataDir and gateway.supergraphPath are resolved against; defaults to process.cwd(). */
  cwd?: string;
}

/** Thrown by {@link loadConfig} with every configuration problem found, one per line of the message. */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** One message per problem, in the order found. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}

type Path = readonly string[];
type PlainObject = Record<string, unknown>;

/** Where a leaf value came from and what it looked like before conversion. */
interface Origin {
  readonly source: string;
  readonly raw: unknown;
}

const REDACTED = "[redacted]";
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]+@/i;

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own-property assignment that treats keys such as "__proto__" as ordinary data. */
function setOwn(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function getPath(value: unknown, keyPath: Path): unknown {
  let current = value;
  for (const segment of keyPath) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function setPath(target: PlainObject, keyPath: Path, value: unknown): void {
  let current = target;
  keyPath.forEach((segment, index) => {
    if (index === keyPath.length - 1) {
      setOwn(current, segment, value);
      return;
    }
    const next = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (isPlainObject(next)) {
      current = next;
    } else {
      const created: PlainObject = {};
      setOwn(current, segment, created);
      current = created;
    }
  });
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== "";
}

/** Replaces the password of a `scheme://user:password@host` URL with "[redacted]". */
function redactUrlPassword(url: string): string {
  return url.replace(URL_PASSWORD, `$1${REDACTED}@`);
}

function kindOfValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

const secretKeys: ReadonlySet<string> = new Set(SECRET_KEYS);
const credentialUrlKeys: ReadonlySet<string> = new Set(CREDENTIAL_URL_KEYS);
const secretAncestors: ReadonlySet<string> = new Set(
  [...SECRET_KEYS, ...CREDENTIAL_URL_KEYS].flatMap((key) => {
    const parts = key.split(".");
    return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("."));
  }),
);

/** Renders the offending value for a message without ever revealing a secret. */
function describeValue(key: string, raw: unknown): string {
  if (secretKeys.has(key)) {
    return typeof raw === "string" ? `a value of ${raw.length} characters` : kindOfValue(raw);
  }
  if (credentialUrlKeys.has(key) && typeof raw === "string") return JSON.stringify(redactUrlPassword(raw));
  // A mapping that should hold a secret may have been given the secret itself.
  if (secretAncestors.has(key)) return kindOfValue(raw);
  return JSON.stringify(raw) ?? String(raw);
}

/** Mutable state threaded through the layering steps. */
interface Layering {
  readonly input: PlainObject;
  readonly origins: Map<string, Origin>;
  readonly problems: string[];
  readonly env: NodeJS.ProcessEnv;
}

function addProblem(state: Layering, problem: string): void {
  if (!state.problems.includes(problem)) state.problems.push(problem);
}

/** Replaces `${VAR}` and `${VAR:-fallback}`; returns undefined (after recording problems) when a variable is unset. */
function interpolate(state: Layering, text: string, key: string, file: string): string | undefined {
  let complete = true;
  const result = text.replace(PLACEHOLDER, (_match: string, name: string, fallback: string | undefined) => {
    const value = state.env[name];
    if (isSet(value)) return value;
    if (fallback !== undefined) return fallback;
    complete = false;
    addProblem(state, `${key}: environment variable ${name} is not set (from ${file})`);
    return "";
  });
  return complete ? result : undefined;
}

/** Interpolates every string inside a file value; undefined when any placeholder could not be resolved. */
function resolveFileValue(state: Layering, value: unknown, keyPath: Path, file: string): unknown {
  const key = keyPath.join(".");
  if (typeof value === "string") {
    const interpolated = interpolate(state, value, key, file);
    if (interpolated === undefined || interpolated === value) return interpolated;
    return convertString(interpolated, valueKindOf(key));
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => resolveFileValue(state, item, [...keyPath, String(index)], file));
    return items.includes(undefined) ? undefined : items;
  }
  return value;
}

function applyFileLeaves(state: Layering, value: PlainObject, keyPath: Path, file: string): void {
  for (const [segment, child] of Object.entries(value)) {
    const childPath = [...keyPath, segment];
    if (isPlainObject(child) && Object.keys(child).length > 0) {
      applyFileLeaves(state, child, childPath, file);
      continue;
    }
    const resolved = resolveFileValue(state, child, childPath, file);
    if (resolved === undefined) continue;
    setPath(state.input, childPath, resolved);
    state.origins.set(childPath.join("."), { source: file, raw: resolved });
  }
}

function parseFile(file: string, text: string): unknown {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") return JSON.parse(text);
  return YAML.parse(text);
}

function applyFile(state: Layering, file: string, cwd: string): void {
  const extension = path.extname(file).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(extension)) {
    addProblem(state, `CONFIG_FILE: cannot load ${file}: expected a .yaml, .yml or .json file`);
    return;
  }
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error: unknown) {
    addProblem(state, `CONFIG_FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  let parsed: unknown;
  try {
    parsed = parseFile(file, text);
  } catch (error: unknown) {
    addProblem(state, `CONFIG_FILE: cannot parse ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (parsed === null || parsed === undefined) return;
  if (!isPlainObject(parsed)) {
    addProblem(state, `CONFIG_FILE: cannot load ${file}: expected a mapping of settings, got ${kindOfValue(parsed)}`);
    return;
  }
  applyFileLeaves(state, parsed, [], file);
}

function applyEnv(state: Layering): void {
  for (const mapping of ENV_MAPPINGS) {
    const raw = state.env[mapping.env];
    if (!isSet(raw)) continue;
    setPath(state.input, mapping.key.split("."), convertString(raw, mapping.kind));
    state.origins.set(mapping.key, { source: mapping.env, raw });
  }
}

/** Finds the origin of the value at a path: the path itself, else its nearest ancestor set as a whole. */
function findOrigin(state: Layering, keyPath: Path): { origin: Origin; exact: boolean } | undefined {
  for (let length = keyPath.length; length > 0; length -= 1) {
    const origin = state.origins.get(keyPath.slice(0, length).join("."));
    if (origin !== undefined) return { origin, exact: length === keyPath.length };
  }
  return undefined;
}

/** Source of the value at a path: its own or an ancestor's origin, else that of a leaf below it (a nested mapping). */
function sourceOf(state: Layering, keyPath: Path): string {
  const found = findOrigin(state, keyPath);
  if (found !== undefined) return found.origin.source;
  const prefix = `${keyPath.join(".")}.`;
  for (const [key, origin] of state.origins) {
    if (key.startsWith(prefix)) return origin.source;
  }
  return "default";
}

function reportIssue(state: Layering, issue: z.core.$ZodIssue): void {
  const keyPath = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    for (const unknownKey of issue.keys) {
      const fullPath = [...keyPath, unknownKey];
      addProblem(state, `${fullPath.join(".")}: unknown setting (from ${sourceOf(state, fullPath)})`);
    }
    return;
  }
  const key = keyPath.join(".");
  if (issue.code === "custom" && issue.params?.["verbatim"] === true) {
    addProblem(state, `${key}: ${issue.message}`);
    return;
  }
  const found = findOrigin(state, keyPath);
  const raw = found?.exact === true ? found.origin.raw : getPath(state.input, keyPath);
  addProblem(state, `${key}: ${issue.message}, got ${describeValue(key, raw)} (from ${sourceOf(state, keyPath)})`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Builds the configuration from defaults, the optional CONFIG_FILE and environment variables; throws ConfigError listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const state: Layering = { input: {}, origins: new Map(), problems: [], env };

  const file = env["CONFIG_FILE"];
  if (isSet(file)) applyFile(state, file, cwd);
  applyEnv(state);

  const result = configSchema.safeParse(state.input);
  if (!result.success) {
    for (const issue of result.error.issues) reportIssue(state, issue);
  }
  if (!result.success || state.problems.length > 0) throw new ConfigError(state.problems);

  const config = result.data;
  return deepFreeze({
    ...config,
    dataDir: path.resolve(cwd, config.dataDir),
    gateway: {
      ...config.gateway,
      supergraphPath: path.resolve(cwd, config.gateway.supergraphPath),
    },
  });
}

/** Returns a deep copy of the configuration with secrets and URL passwords replaced by "[redacted]", safe to log. */
export function redactConfig(config: AppConfig): unknown {
  const copy: unknown = structuredClone(config);
  if (!isPlainObject(copy)) return copy;
  for (const key of SECRET_KEYS) {
    const keyPath = key.split(".");
    if (getPath(copy, keyPath) !== undefined) setPath(copy, keyPath, REDACTED);
  }
  for (const key of CREDENTIAL_URL_KEYS) {
    const keyPath = key.split(".");
    const value = getPath(copy, keyPath);
    if (typeof value === "string") setPath(copy, keyPath, redactUrlPassword(value));
  }
  return copy;
}
