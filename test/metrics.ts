import { execFileSync } from "node:child_process";

/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the samples of a Prometheus text exposition (comments skipped). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ""] = pair[2] ?? "";
    }
    samples.push({ name: match[1] ?? "", labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Fetches and parses `/metrics` at `baseUrl`. */
export async function scrape(baseUrl: string): Promise<{ text: string; samples: Sample[]; contentType: string }> {
  const response = await fetch(new URL("/metrics", baseUrl));
  if (response.status !== 200) throw new Error(`/metrics answered HTTP ${response.status}`);
  const text = await response.text();
  return { text, samples: parseExposition(text), contentType: response.headers.get("content-type") ?? "" };
}

/** `promtool check metrics` on an exposition: its problems, or "" when it passes. */
export function promtoolProblems(text: string): string {
  try {
    execFileSync("promtool", ["check", "metrics"], { input: text, stdio: ["pipe", "pipe", "pipe"] });
    return "";
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    return `${failed.stdout?.toString() ?? ""}${failed.stderr?.toString() ?? ""}` || failed.message;
  }
}
