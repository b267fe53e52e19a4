import { useEffect, useState } from "preact/hooks";
import { request } from "../api";
import { BotControls, StatusBadge, type StatusChange } from "../components/bot-controls";
import { Alert, Field, fieldErrors, NO_ERRORS, Notice, type FieldErrors } from "../components/forms";
import { graphql } from "../gql";
import type { ConsoleBotRowFragment } from "../gql/graphql";
import { useQuery, useSubscription } from "../hooks";

graphql(`
  fragment ConsoleBotRow on Bot {
    id
    name
    symbol
    strategy
    status
    statusReason
  }
`);

const Bots = graphql(`
  query ConsoleBots {
    bots(first: 100) {
      totalCount
      edges {
        node {
          ...ConsoleBotRow
        }
      }
    }
  }
`);

const BotStatusChanged = graphql(`
  subscription ConsoleBotStatusChanged {
    botStatusChanged {
      ...ConsoleBotRow
    }
  }
`);

const CreateBot = graphql(`
  mutation ConsoleCreateBot($input: CreateBotInput!) {
    createBot(input: $input) {
      bot {
        ...ConsoleBotRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** The strategies the bots subgraph registers, with a config to start from. */
const STRATEGY_EXAMPLES: Record<string, string> = {
  manual: "{}",
  dca: '{ "orderQuantity": "0.01", "intervalSeconds": 3600 }',
  grid: '{ "lowerPrice": "25000", "upperPrice": "35000", "gridLevels": 10, "orderQuantity": "0.01" }',
  arbitrage: '{ "spreadThreshold": "0.5", "orderQuantity": "0.01" }',
};

const FIELDS = ["name", "symbol", "strategy", "config"] as const;

/** The viewer's bots (every bot for an admin) with their lifecycle buttons, and a form for a new one. */
export function BotsScreen() {
  const { result, refetch } = useQuery(Bots, {});
  const [changes, setChanges] = useState<Record<string, StatusChange>>({});
  // Changes seen since the list was fetched; a new fetch already has them.
  useEffect(() => setChanges({}), [result]);
  const applyChange = (bot: StatusChange) => setChanges((known) => ({ ...known, [bot.id]: bot }));
  const liveError = useSubscription(BotStatusChanged, {}, ({ botStatusChanged: bot }) => {
    const listed = result?.data?.bots.edges.some((edge) => edge.node.id === bot.id);
    if (listed) applyChange(bot);
    else void refetch();
  });
  const bots = result?.data?.bots.edges.map((edge) => ({ ...edge.node, ...changes[edge.node.id] })) ?? [];

  return (
    <>
      <header class="screen-header">
        <h1>Bots</h1>
        {result?.data && <span class="muted">{result.data.bots.totalCount} in all</span>}
      </header>
      <Alert message={result?.error ?? liveError} />
      <section class="card" aria-labelledby="bots-title">
        <h2 id="bots-title">Your bots</h2>
        {result === undefined ? (
          <p class="muted">Loading…</p>
        ) : bots.length === 0 && !result.error ? (
          <p class="muted">No bots yet: create one below.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Symbol</th>
                <th scope="col">Strategy</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bots.map((bot) => (
                <BotRow key={bot.id} bot={bot} onChange={applyChange} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CreateBotForm onCreated={() => void refetch()} />
    </>
  );
}

function BotRow(props: { bot: ConsoleBotRowFragment; onChange: (bot: StatusChange) => void }) {
  const { bot } = props;
  return (
    <tr>
      <th scope="row">
        <a href={`#/bots/${encodeURIComponent(bot.id)}`}>{bot.name}</a>
      </th>
      <td>{bot.symbol}</td>
      <td>{bot.strategy}</td>
      <td>
        <StatusBadge status={bot.status} />
        {bot.statusReason && <small class="muted"> {bot.statusReason}</small>}
      </td>
      <td class="actions-cell">
        <BotControls bot={bot} onChange={props.onChange} />
      </td>
    </tr>
  );
}

function CreateBotForm(props: { onCreated(): void }) {
  const [name, setName] = useState("");
  const [symbol, setSymbol] = useState("BTC/USDT");
  const [strategy, setStrategy] = useState("manual");
  const [config, setConfig] = useState(STRATEGY_EXAMPLES["manual"] ?? "{}");
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setCreated(undefined);
    setFailure(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(config);
    } catch (error) {
      setErrors({ byField: { config: [`config: not JSON (${(error as Error).message})`] }, other: [] });
      return;
    }
    setBusy(true);
    const result = await request(CreateBot, { input: { name, symbol, strategy, config: parsed } });
    setBusy(false);
    if (result.error !== undefined) {
      setErrors(NO_ERRORS);
      setFailure(result.error);
      return;
    }
    const { bot, userErrors } = result.data.createBot;
    setErrors(fieldErrors(userErrors, FIELDS));
    if (bot) {
      setCreated(`Created ${bot.name}.`);
      setName("");
      props.onCreated();
    }
  }

  return (
    <section class="card" aria-labelledby="create-bot-title">
      <h2 id="create-bot-title">Create a bot</h2>
      <form class="form-grid" onSubmit={(event) => void submit(event)} noValidate>
        <Field id="bot-name" label="Name" errors={errors.byField["name"]}>
          {(control) => (
            <input {...control} name="name" value={name} onInput={(event) => setName(event.currentTarget.value)} />
          )}
        </Field>
        <Field id="bot-symbol" label="Symbol" hint="BASE/QUOTE, e.g. BTC/USDT" errors={errors.byField["symbol"]}>
          {(control) => (
            <input
              {...control}
              name="symbol"
              value={symbol}
              onInput={(event) => setSymbol(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="bot-strategy" label="Strategy" errors={errors.byField["strategy"]}>
          {(control) => (
            <select
              {...control}
              name="strategy"
              value={strategy}
              onChange={(event) => {
                const next = event.currentTarget.value;
                if (config === STRATEGY_EXAMPLES[strategy]) setConfig(STRATEGY_EXAMPLES[next] ?? "{}");
                setStrategy(next);
              }}
            >
              {Object.keys(STRATEGY_EXAMPLES).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="bot-config" label="Strategy config (JSON)" errors={errors.byField["config"]}>
          {(control) => (
            <textarea
              {...control}
              name="config"
              rows={3}
              spellcheck={false}
              value={config}
              onInput={(event) => setConfig(event.currentTarget.value)}
            />
          )}
        </Field>
        <div class="form-footer">
          <button type="submit" disabled={busy}>
            Create bot
          </button>
          <Alert message={failure ?? (errors.other.length > 0 ? errors.other.join(" ") : undefined)} />
          <Notice message={created} />
        </div>
      </form>
    </section>
  );
}
