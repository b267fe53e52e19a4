import { useState } from "preact/hooks";
import { request } from "../api";
import { Alert } from "../components/forms";
import { dateTime } from "../format";
import { graphql } from "../gql";
import type { ConsoleQueueFragment } from "../gql/graphql";
import { useQuery } from "../hooks";

graphql(`
  fragment ConsoleQueue on QueueStats {
    name
    waiting
    active
    delayed
    prioritized
    completed
    failed
    paused
  }
`);

const Ops = graphql(`
  query ConsoleOps($since: DateTime!) {
    health {
      status
      version
      uptimeSeconds
      checks {
        name
        componentId
        componentType
        status
        observedValue
        observedUnit
        output
        time
      }
    }
    queues {
      ...ConsoleQueue
    }
    operationStats(since: $since) {
      operationName
      clientName
      clientVersion
      count
      errorCount
      p50Ms
      p90Ms
      p95Ms
      p99Ms
    }
  }
`);

const PauseQueue = graphql(`
  mutation ConsolePauseQueue($name: String!) {
    pauseQueue(name: $name) {
      queue {
        ...ConsoleQueue
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const ResumeQueue = graphql(`
  mutation ConsoleResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      queue {
        ...ConsoleQueue
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const HOUR_MS = 3_600_000;

function uptime(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min` : `${seconds} s`;
}

/** What operators watch: the health report, the queues (with pause/resume) and the last hour's operations. */
export function OpsScreen() {
  // The server clips the window to the last hour, so a start an hour before the page opened stays right.
  const [since] = useState(() => new Date(Date.now() - HOUR_MS).toISOString());
  const { result, refetch } = useQuery(Ops, { since });
  const [failure, setFailure] = useState<string | undefined>(undefined);

  async function setPaused(queue: ConsoleQueueFragment, paused: boolean) {
    const outcome = paused
      ? await request(PauseQueue, { name: queue.name }).then((r) => r.error ?? r.data.pauseQueue)
      : await request(ResumeQueue, { name: queue.name }).then((r) => r.error ?? r.data.resumeQueue);
    setFailure(typeof outcome === "string" ? outcome : outcome.userErrors.map((e) => e.message).join(" ") || undefined);
    await refetch();
  }

  const data = result?.data;
  return (
    <>
      <header class="screen-header">
        <h1>Operations</h1>
        {data && (
          <span class={`badge badge-${data.health.status.toLowerCase()}`} aria-label={`Health ${data.health.status}`}>
            {data.health.status}
          </span>
        )}
        {data && (
          <span class="muted">
            version {data.health.version} · up {uptime(data.health.uptimeSeconds)}
          </span>
        )}
        <button type="button" class="small secondary push" onClick={() => void refetch()}>
          Refresh
        </button>
      </header>
      <Alert message={result?.error ?? failure} />
      {result === undefined && <p class="muted">Loading…</p>}
      {data && (
        <>
          <section class="card" aria-labelledby="queues-title">
            <h2 id="queues-title">Queues</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  {(["Waiting", "Active", "Delayed", "Prioritized", "Completed", "Failed"] as const).map((label) => (
                    <th key={label} scope="col" class="number">
                      {label}
                    </th>
                  ))}
                  <th scope="col">State</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.queues.map((queue) => (
                  <tr key={queue.name}>
                    <th scope="row">{queue.name}</th>
                    <td class="number">{queue.waiting}</td>
                    <td class="number">{queue.active}</td>
                    <td class="number">{queue.delayed}</td>
                    <td class="number">{queue.prioritized}</td>
                    <td class="number">{queue.completed}</td>
                    <td class={`number ${queue.failed > 0 ? "negative" : ""}`}>{queue.failed}</td>
                    <td>
                      <span class={`badge ${queue.paused ? "badge-paused" : "badge-running"}`}>
                        {queue.paused ? "PAUSED" : "RUNNING"}
                      </span>
                    </td>
                    <td class="actions-cell">
                      <button
                        type="button"
                        class="small secondary"
                        aria-label={`${queue.paused ? "Resume" : "Pause"} ${queue.name}`}
                        onClick={() => void setPaused(queue, !queue.paused)}
                      >
                        {queue.paused ? "Resume" : "Pause"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="card" aria-labelledby="operations-title">
            <h2 id="operations-title">Operations in the last hour</h2>
            {data.operationStats.length === 0 ? (
              <p class="muted">No operations yet.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Operation</th>
                    <th scope="col">Client</th>
                    <th scope="col" class="number">
                      Count
                    </th>
                    <th scope="col" class="number">
                      Errors
                    </th>
                    {(["p50", "p90", "p95", "p99"] as const).map((label) => (
                      <th key={label} scope="col" class="number">
                        {label} (ms)
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.operationStats.map((stat) => (
                    <tr key={`${stat.operationName}/${stat.clientName}/${stat.clientVersion}`}>
                      <th scope="row">{stat.operationName || <span class="muted">(anonymous)</span>}</th>
                      <td>
                        {stat.clientName || <span class="muted">—</span>}
                        {stat.clientVersion && <small class="muted"> {stat.clientVersion}</small>}
                      </td>
                      <td class="number">{stat.count}</td>
                      <td class={`number ${stat.errorCount > 0 ? "negative" : ""}`}>{stat.errorCount}</td>
                      <td class="number">{stat.p50Ms.toFixed(1)}</td>
                      <td class="number">{stat.p90Ms.toFixed(1)}</td>
                      <td class="number">{stat.p95Ms.toFixed(1)}</td>
                      <td class="number">{stat.p99Ms.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="card" aria-labelledby="health-title">
            <h2 id="health-title">Health checks</h2>
            <table class="compact-table">
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">Component</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="number">
                    Observed
                  </th>
                  <th scope="col">Output</th>
                </tr>
              </thead>
              <tbody>
                {data.health.checks.map((check) => (
                  <tr key={`${check.name}/${check.componentId ?? ""}`} title={`checked ${dateTime(check.time)}`}>
                    <th scope="row">{check.name}</th>
                    <td>
                      {check.componentId ?? ""} <small class="muted">{check.componentType}</small>
                    </td>
                    <td>
                      <span class={`badge badge-${check.status.toLowerCase()}`}>{check.status}</span>
                    </td>
                    <td class="number">
                      {check.observedValue == null ? "—" : `${check.observedValue} ${check.observedUnit ?? ""}`}
                    </td>
                    <td>{check.output ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
