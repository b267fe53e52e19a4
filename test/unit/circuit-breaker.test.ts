import { describe, expect, it } from "vitest";
import { EndpointBreakers } from "../../subgraphs/webhooks/circuit-breaker.js";

const at = (ms: number): Date => new Date(1_700_000_000_000 + ms);

describe("per-endpoint circuit breaker", () => {
  const options = { failureThreshold: 3, cooldownMs: 10_000, probeTimeoutMs: 2_000 };

  it("opens after the threshold of consecutive failures and holds attempts until the cool-down ends", () => {
    const breakers = new EndpointBreakers(options);
    breakers.failed("a", at(0));
    breakers.failed("a", at(1));
    expect(breakers.admit("a", at(2))).toEqual({ admitted: true, probe: false });
    breakers.failed("a", at(3));
    expect(breakers.admit("a", at(4))).toEqual({ admitted: false, retryAt: at(10_003) });
    expect(breakers.admit("b", at(4))).toEqual({ admitted: true, probe: false });
  });

  it("a success resets the count of consecutive failures", () => {
    const breakers = new EndpointBreakers(options);
    breakers.failed("a", at(0));
    breakers.failed("a", at(1));
    breakers.succeeded("a");
    breakers.failed("a", at(2));
    breakers.failed("a", at(3));
    expect(breakers.admit("a", at(4))).toEqual({ admitted: true, probe: false });
  });

  it("lets one probe through when half-open: its success closes, its failure reopens", () => {
    const breakers = new EndpointBreakers(options);
    for (let i = 0; i < 3; i++) breakers.failed("a", at(0));
    expect(breakers.admit("a", at(10_000))).toEqual({ admitted: true, probe: true });
    expect(breakers.admit("a", at(10_001))).toEqual({ admitted: false, retryAt: at(12_000) });
    breakers.failed("a", at(10_500));
    expect(breakers.admit("a", at(12_000))).toEqual({ admitted: false, retryAt: at(20_500) });
    expect(breakers.admit("a", at(20_500))).toEqual({ admitted: true, probe: true });
    breakers.succeeded("a");
    expect(breakers.admit("a", at(20_501))).toEqual({ admitted: true, probe: false });
  });

  it("lets another probe through when one outlived the probe timeout (its process died)", () => {
    const breakers = new EndpointBreakers(options);
    for (let i = 0; i < 3; i++) breakers.failed("a", at(0));
    expect(breakers.admit("a", at(10_000))).toEqual({ admitted: true, probe: true });
    expect(breakers.admit("a", at(12_000))).toEqual({ admitted: true, probe: true });
  });
});
