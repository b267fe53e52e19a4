import { createServer, request } from "node:http";
import { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  checkDestination,
  InvalidCidrError,
  parseAllowedCidrs,
  pinnedLookup,
  type SsrfPolicy,
} from "../../subgraphs/webhooks/ssrf.js";

const PUBLIC_ONLY = "; webhooks must reach the public internet";
const strict: SsrfPolicy = { allowedCidrs: [], httpsOnly: false };
const resolvingTo =
  (...addresses: string[]): SsrfPolicy["resolve"] =>
  (host) =>
    Promise.resolve(host === "hooks.example.com" ? addresses : []);

async function reasonFor(url: string, policy: SsrfPolicy = strict): Promise<string> {
  const result = await checkDestination(url, policy);
  if (result.ok) throw new Error(`expected ${url} to be refused, it was allowed (${result.addresses.join(", ")})`);
  return result.reason;
}

describe("checkDestination refuses what is not the public internet", () => {
  it.each([
    ["http://10.0.0.1/hook", "url: 10.0.0.1 is a private address"],
    ["http://172.16.5.4/", "url: 172.16.5.4 is a private address"],
    ["http://192.168.1.1/", "url: 192.168.1.1 is a private address"],
    ["http://169.254.169.254/latest/meta-data/", "url: 169.254.169.254 is a cloud metadata address"],
    ["http://169.254.10.20/", "url: 169.254.10.20 is a link-local address"],
    ["http://[fd00:ec2::254]/", "url: fd00:ec2::254 is a cloud metadata address"],
    ["http://127.0.0.1:8080/", "url: 127.0.0.1 is a loopback address"],
    ["http://2130706433/", "url: 127.0.0.1 is a loopback address"],
    ["http://0x7f.1/", "url: 127.0.0.1 is a loopback address"],
    ["http://[::1]/", "url: ::1 is a loopback address"],
    ["http://[::ffff:127.0.0.1]/", "url: ::ffff:7f00:1 (IPv4-mapped 127.0.0.1) is a loopback address"],
    ["http://[::ffff:10.0.0.1]/", "url: ::ffff:a00:1 (IPv4-mapped 10.0.0.1) is a private address"],
    [
      "http://[::ffff:169.254.169.254]/",
      "url: ::ffff:a9fe:a9fe (IPv4-mapped 169.254.169.254) is a cloud metadata address",
    ],
    ["http://0.0.0.0/", "url: 0.0.0.0 is an unspecified address"],
    ["http://[::]/", "url: :: is an unspecified address"],
    ["http://224.0.0.1/", "url: 224.0.0.1 is a multicast address"],
    ["http://[ff02::1]/", "url: ff02::1 is a multicast address"],
    ["http://100.64.0.1/", "url: 100.64.0.1 is a carrier-grade NAT address"],
    ["http://255.255.255.255/", "url: 255.255.255.255 is a broadcast address"],
    ["http://[fd00::1]/", "url: fd00::1 is a unique local (private) address"],
    ["http://[fe80::1]/", "url: fe80::1 is a link-local address"],
    ["http://[64:ff9b::a00:1]/", "url: 64:ff9b::a00:1 is a NAT64 address"],
    ["http://[::7f00:1]/", "url: ::7f00:1 is an IPv4-compatible address"],
    ["http://[fec0::1]/", "url: fec0::1 is a site-local address"],
    ["http://192.0.2.10/", "url: 192.0.2.10 is a reserved address"],
  ])("%s", async (url, reason) => {
    expect(await reasonFor(url)).toBe(reason + PUBLIC_ONLY);
  });

  it("refuses a host name that resolves to loopback (localhost, system resolver)", async () => {
    expect(await reasonFor("http://localhost:4000/hook")).toMatch(
      /^url: host "localhost" resolves to (127\.0\.0\.1|::1), a loopback address; webhooks must reach the public internet$/,
    );
  });

  it("refuses a host name that resolves to a private address", async () => {
    expect(await reasonFor("https://hooks.example.com/x", { ...strict, resolve: resolvingTo("10.1.2.3") })).toBe(
      `url: host "hooks.example.com" resolves to 10.1.2.3, a private address${PUBLIC_ONLY}`,
    );
  });

  it("refuses a host name when any one of its addresses is refused", async () => {
    expect(
      await reasonFor("https://hooks.example.com/x", { ...strict, resolve: resolvingTo("8.8.8.8", "127.0.0.1") }),
    ).toBe(`url: host "hooks.example.com" resolves to 127.0.0.1, a loopback address${PUBLIC_ONLY}`);
  });

  it("refuses a host that cannot be resolved", async () => {
    expect(await reasonFor("https://nowhere.example.com/", { ...strict, resolve: resolvingTo("8.8.8.8") })).toBe(
      'url: cannot resolve host "nowhere.example.com"',
    );
    const failing: SsrfPolicy = { ...strict, resolve: () => Promise.reject(new Error("ENOTFOUND")) };
    expect(await reasonFor("https://hooks.example.com/", failing)).toBe('url: cannot resolve host "hooks.example.com"');
  });

  it.each([
    ["ftp://93.184.216.34/hook", 'url: must use http or https, got "ftp:"'],
    ["file:///etc/passwd", 'url: must use http or https, got "file:"'],
    ["gopher://93.184.216.34:70/", 'url: must use http or https, got "gopher:"'],
    ["not a url", 'url: must be an absolute http(s) URL, got "not a url"'],
  ])("refuses %s", async (url, reason) => {
    expect(await reasonFor(url)).toBe(reason);
  });

  it("refuses plain http under httpsOnly and accepts https", async () => {
    const httpsOnly: SsrfPolicy = { ...strict, httpsOnly: true };
    expect(await reasonFor("http://93.184.216.34/hook", httpsOnly)).toBe("url: must use https");
    expect(await checkDestination("https://93.184.216.34/hook", httpsOnly)).toMatchObject({ ok: true });
  });
});

describe("checkDestination allows the public internet and what the operator allows", () => {
  it.each([
    ["https://93.184.216.34/hook", "93.184.216.34"],
    ["http://[2606:2800:220:1::1]/", "2606:2800:220:1::1"],
    ["http://8.8.8.8:8080/path?q=1", "8.8.8.8"],
  ])("allows %s", async (url, address) => {
    const result = await checkDestination(url, strict);
    expect(result).toEqual({ ok: true, url: new URL(url), addresses: [address] });
  });

  it("allows a host name whose addresses are all public, pinned to the first", async () => {
    const result = await checkDestination("https://hooks.example.com/x", {
      ...strict,
      resolve: resolvingTo("8.8.8.8", "2001:4860:4860::8888"),
    });
    expect(result).toMatchObject({ ok: true, addresses: ["8.8.8.8", "2001:4860:4860::8888"] });
  });

  it("allows loopback inside allowedCidrs 127.0.0.0/8, also IPv4-mapped, but not ::1", async () => {
    const loopback: SsrfPolicy = { ...strict, allowedCidrs: ["127.0.0.0/8"] };
    for (const url of ["http://127.0.0.1:4000/hook", "http://127.5.6.7/", "http://[::ffff:127.0.0.1]/"])
      expect(await checkDestination(url, loopback)).toMatchObject({ ok: true });
    expect(
      await checkDestination("http://hooks.example.com/", { ...loopback, resolve: resolvingTo("127.0.0.1") }),
    ).toMatchObject({ ok: true, addresses: ["127.0.0.1"] });
    expect(await reasonFor("http://[::1]/", loopback)).toBe(`url: ::1 is a loopback address${PUBLIC_ONLY}`);
    expect(await reasonFor("http://10.0.0.1/", loopback)).toBe(`url: 10.0.0.1 is a private address${PUBLIC_ONLY}`);
  });

  it("keeps the metadata address refused inside a broader allowed range, unless listed as a single host", async () => {
    const linkLocal: SsrfPolicy = { ...strict, allowedCidrs: ["169.254.0.0/16"] };
    expect(await checkDestination("http://169.254.1.1/", linkLocal)).toMatchObject({ ok: true });
    expect(await reasonFor("http://169.254.169.254/", linkLocal)).toBe(
      `url: 169.254.169.254 is a cloud metadata address${PUBLIC_ONLY}`,
    );
    const metadata: SsrfPolicy = { ...strict, allowedCidrs: ["169.254.169.254/32"] };
    expect(await checkDestination("http://169.254.169.254/", metadata)).toMatchObject({ ok: true });
  });
});

describe("parseAllowedCidrs", () => {
  it("parses IPv4 and IPv6 ranges", () => {
    const ranges = parseAllowedCidrs(["127.0.0.0/8", "fd00::/8"]);
    expect(ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual(["127.0.0.0/8", "fd00::/8"]);
  });

  it.each(["10.0.0.0/33", "fd00::/129", "127.0.0.1", "localhost/8", "0x7f.1/8", "10.0.0.0/8/8", ""])(
    "throws naming %j",
    (entry) => {
      expect(() => parseAllowedCidrs(["127.0.0.0/8", entry])).toThrow(new InvalidCidrError(entry).message);
      expect(() => parseAllowedCidrs([entry])).toThrow(InvalidCidrError);
      expect(new InvalidCidrError(entry).message).toContain(JSON.stringify(entry));
    },
  );
});

describe("pinnedLookup", () => {
  it("makes a request to a host name connect to the checked address", async () => {
    const server = createServer((_req, res) => res.end(_req.headers.host));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`http://hooks.example.com:${port}/`, { lookup: pinnedLookup("127.0.0.1") }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end();
      });
      expect(body).toBe(`hooks.example.com:${port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answers lookups that ask for all addresses", async () => {
    const lookup = pinnedLookup("2001:4860:4860::8888");
    const answer = await new Promise((resolve) =>
      lookup("hooks.example.com", { all: true }, (_error, addresses) => resolve(addresses)),
    );
    expect(answer).toEqual([{ address: "2001:4860:4860::8888", family: 6 }]);
    expect(() => pinnedLookup("hooks.example.com")).toThrow(TypeError);
  });
});
