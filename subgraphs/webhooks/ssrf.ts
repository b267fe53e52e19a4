import { promises as dns } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A parsed `webhooks.allowedCidrs` entry: network address and prefix length. */
export type AllowedRange = [Address, number];

/** Where customer webhooks may be sent. */
export interface SsrfPolicy {
  /**
   * CIDR ranges an operator allows although they are not public, e.g. `127.0.0.0/8` in tests. A cloud
   * metadata address is allowed only by a range that is that single host (`169.254.169.254/32`).
   * @default []
   */
  allowedCidrs: readonly string[];
  /**
   * Refuse plain `http:` URLs.
   * @default false
   */
  httpsOnly: boolean;
  /**
   * Resolves a host name to IP addresses; tests inject one.
   * @default the system resolver: `dns.promises.lookup(host, { all: true, verbatim: true })`
   */
  resolve?: (host: string) => Promise<string[]>;
}

/**
 * A destination that passed the check. `addresses` are every address the host resolved to (all allowed);
 * the sender must connect to `addresses[0]` (see {@link pinnedLookup}), not resolve the host again.
 */
export interface AllowedDestination {
  ok: true;
  url: URL;
  addresses: [string, ...string[]];
}

/** A refused destination; `reason` is safe to show to the endpoint's owner. */
export interface RefusedDestination {
  ok: false;
  reason: string;
}

/** An entry of `webhooks.allowedCidrs` that is not a CIDR range. */
export class InvalidCidrError extends Error {
  override name = "InvalidCidrError";

  constructor(
    /** The entry as configured. */
    readonly cidr: string,
  ) {
    super(`expected a CIDR range such as "127.0.0.0/8" or "fd00::/8", got ${JSON.stringify(cidr)}`);
  }
}

/** Cloud metadata services: AWS/GCP/Azure/Oracle, AWS over IPv6, Azure WireServer, Alibaba Cloud. */
const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254", "168.63.129.16", "100.100.100.200"].map((a) =>
  ipaddr.parse(a).toNormalizedString(),
);

/** What each ipaddr.js range is called in a refusal; every range but `unicast` is refused. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private address",
  reserved: "a reserved address",
  benchmarking: "a benchmarking address",
  as112: "an AS112 address",
  amt: "an AMT relay address",
  uniqueLocal: "a unique local (private) address",
  discard: "a discard-only address",
  rfc6145: "an IPv4-translated address",
  rfc6052: "a NAT64 address",
  "6to4": "a 6to4 address",
  teredo: "a Teredo address",
  as112v6: "an AS112 address",
  deprecated: "a deprecated address",
  orchid2: "an ORCHIDv2 address",
  droneRemoteIdProtocolEntityTags: "a reserved address",
};

/** IPv6 ranges ipaddr.js 2.2 calls `unicast` that are not on the public internet. */
const EXTRA_IPV6_RANGES: [AllowedRange, string][] = [
  [ipaddr.parseCIDR("::/96"), "an IPv4-compatible address"],
  [ipaddr.parseCIDR("64:ff9b:1::/48"), "a NAT64 address"],
  [ipaddr.parseCIDR("fec0::/10"), "a site-local address"],
];
const GLOBAL_UNICAST_IPV6 = ipaddr.parseCIDR("2000::/3");

const PUBLIC_ONLY = "webhooks must reach the public internet";

/**
 * Parses `webhooks.allowedCidrs`; throws an {@link InvalidCidrError} naming the first bad entry. Addresses
 * must be written plainly (dotted-quad IPv4 or IPv6), with a prefix length.
 */
export function parseAllowedCidrs(list: readonly string[]): AllowedRange[] {
  return list.map((entry) => {
    const text = entry.trim();
    const [address, bits, ...rest] = text.split("/");
    if (
      address === undefined ||
      bits === undefined ||
      rest.length > 0 ||
      isIP(address) === 0 ||
      !/^\d{1,3}$/.test(bits)
    )
      throw new InvalidCidrError(entry);
    try {
      return ipaddr.parseCIDR(text);
    } catch {
      throw new InvalidCidrError(entry);
    }
  });
}

/** Parsed allow-lists by the list they came from: the check runs before every delivery attempt. */
const parsedAllowLists = new WeakMap<readonly string[], AllowedRange[]>();

function allowedRanges(list: readonly string[]): AllowedRange[] {
  let ranges = parsedAllowLists.get(list);
  if (ranges === undefined) {
    ranges = parseAllowedCidrs(list);
    parsedAllowLists.set(list, ranges);
  }
  return ranges;
}

function inRange(address: Address, [network, bits]: AllowedRange): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

/** Why `address` must not be reached, or `undefined` when it may be. */
function refusal(raw: Address, allowed: readonly AllowedRange[]): string | undefined {
  const address = raw instanceof ipaddr.IPv6 && raw.isIPv4MappedAddress() ? raw.toIPv4Address() : raw;
  const isAllowed = (range: AllowedRange): boolean => inRange(address, range) || inRange(raw, range);
  if (METADATA_ADDRESSES.includes(address.toNormalizedString())) {
    const hostBits = address.kind() === "ipv4" ? 32 : 128;
    return allowed.some((range) => range[1] === hostBits && isAllowed(range)) ? undefined : "a cloud metadata address";
  }
  if (allowed.some(isAllowed)) return undefined;
  const range = address.range();
  if (range !== "unicast") return RANGE_NAMES[range] ?? "a special-purpose address";
  if (address.kind() === "ipv6") {
    const extra = EXTRA_IPV6_RANGES.find(([cidr]) => inRange(address, cidr));
    if (extra) return extra[1];
    if (!inRange(address, GLOBAL_UNICAST_IPV6)) return "an address outside the global unicast range";
  }
  return undefined;
}

function describeAddress(text: string, address: Address): string {
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress())
    return `${text} (IPv4-mapped ${address.toIPv4Address().toString()})`;
  return text;
}

async function systemResolve(host: string): Promise<string[]> {
  return (await dns.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

/**
 * Checks that a webhook URL may be called: http(s) (https only under `httpsOnly`), and every address its
 * host is (an IP literal) or resolves to is public or inside `allowedCidrs`. Run it when an endpoint is
 * created or changed (a refusal is a userError) and again before every delivery, since DNS can change;
 * the delivery must then connect to `addresses[0]` through {@link pinnedLookup}, so that what is
 * connected to is what was checked (no DNS rebinding in between).
 */
export async function checkDestination(
  url: string,
  policy: SsrfPolicy,
): Promise<AllowedDestination | RefusedDestination> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `url: must be an absolute http(s) URL, got ${JSON.stringify(url)}` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return { ok: false, reason: `url: must use http or https, got "${parsed.protocol}"` };
  if (policy.httpsOnly && parsed.protocol !== "https:") return { ok: false, reason: "url: must use https" };
  // WHATWG URL has already turned decimal, octal and hex IPv4 forms into dotted quads.
  const host = parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const literal = isIP(host) !== 0;

  let addresses: string[];
  if (literal) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) return { ok: false, reason: `url: cannot resolve host "${host}"` };
  }

  const allowed = allowedRanges(policy.allowedCidrs);
  for (const text of addresses) {
    if (isIP(text) === 0)
      return { ok: false, reason: `url: host "${host}" resolves to "${text}", which is not an IP address` };
    const address = ipaddr.parse(text);
    const why = refusal(address, allowed);
    if (why === undefined) continue;
    const what = describeAddress(text, address);
    const reason = literal ? `url: ${what} is ${why}` : `url: host "${host}" resolves to ${what}, ${why}`;
    return { ok: false, reason: `${reason}; ${PUBLIC_ONLY}` };
  }
  return { ok: true, url: parsed, addresses: addresses as [string, ...string[]] };
}

/**
 * A `lookup` for `http.request`/`https.request` (or undici's `connect` options) that answers every
 * lookup with `address`, the one {@link checkDestination} approved, while the Host header and TLS SNI
 * still come from the URL. Node never calls it for an IP-literal URL, which is already pinned.
 */
export function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`pinnedLookup: ${JSON.stringify(address)} is not an IP address`);
  return (_hostname, options, callback) => {
    process.nextTick(() => {
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    });
  };
}
