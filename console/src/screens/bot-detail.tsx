import { useEffect, useMemo, useState } from "preact/hooks";
import { request } from "../api";
import { BotControls, StatusBadge, type StatusChange } from "../components/bot-controls";
import { Alert, Field, fieldErrors, NO_ERRORS, type FieldErrors } from "../components/forms";
import { PnlChart, type PnlPoint } from "../components/pnl-chart";
import { dateTime, decimal, percent, signClass } from "../format";
import { graphql } from "../gql";
import type {
  ConsoleOrderFragment,
  ConsoleTradeFragment,
  ConsoleTradesQuery,
  OrderSide,
  OrderType,
} from "../gql/graphql";
import { useQuery, useSubscription } from "../hooks";

graphql(`
  fragment ConsoleTrade on Trade {
    id
    side
    quantity
    price
    fee
    feeCurrency
    realizedPnl
    executedAt
  }
`);

graphql(`
  fragment ConsoleOrder on Order {
    id
    side
    type
    quantity
    limitPrice
    status
    rejectReason
    createdAt
  }
`);

graphql(`
  fragment ConsoleBotStats on Bot {
    position {
      quantity
      averageEntryPrice
      costBasis
    }
    performance {
      tradeCount
      winningTrades
      losingTrades
      winRate
      realizedPnl
      fees
      volume
    }
  }
`);

const Bot = graphql(`
  query ConsoleBot($id: ID!) {
    bot(id: $id) {
      id
      name
      exchange
      symbol
      strategy
      config
      status
      statusReason
      createdAt
    }
  }
`);

const BotStats = graphql(`
  query ConsoleBotStats($id: ID!) {
    bot(id: $id) {
      id
      ...ConsoleBotStats
    }
  }
`);

const Trades = graphql(`
  query ConsoleTrades($botId: ID!, $after: String) {
    trades(botId: $botId, first: 100, after: $after) {
      totalCount
      edges {
        node {
          ...ConsoleTrade
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const Ticker = graphql(`
  query ConsoleTicker($symbol: String!) {
    ticker(symbol: $symbol) {
      price
      updatedAt
    }
  }
`);

const TradeExecuted = graphql(`
  subscription ConsoleTradeExecuted($botId: ID!) {
    tradeExecuted(botId: $botId) {
      ...ConsoleTrade
    }
  }
`);

const OrderUpdated = graphql(`
  subscription ConsoleOrderUpdated($botId: ID!) {
    orderUpdated(botId: $botId) {
      ...ConsoleOrder
    }
  }
`);

const BotStatusChanged = graphql(`
  subscription ConsoleBotStatus($botId: ID!) {
    botStatusChanged(botId: $botId) {
      id
      status
      statusReason
    }
  }
`);

const SubmitOrder = graphql(`
  mutation ConsoleSubmitOrder($input: SubmitOrderInput!) {
    submitOrder(input: $input) {
      order {
        ...ConsoleOrder
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** At most this many trades are loaded (oldest first); live ones are added on top. */
const MAX_TRADE_PAGES = 10;

async function loadTrades(botId: string): Promise<{ trades: ConsoleTradeFragment[]; total: number } | string> {
  const trades: ConsoleTradeFragment[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_TRADE_PAGES; page++) {
    const result = await request(Trades, { botId, after });
    if (result.error !== undefined) return result.error;
    const connection: ConsoleTradesQuery["trades"] = result.data.trades;
    trades.push(...connection.edges.map((edge) => edge.node));
    after = connection.pageInfo.endCursor ?? null;
    if (!connection.pageInfo.hasNextPage) return { trades, total: connection.totalCount };
  }
  return { trades, total: trades.length };
}

function byExecution(a: ConsoleTradeFragment, b: ConsoleTradeFragment): number {
  return a.executedAt === b.executedAt ? a.id.localeCompare(b.id) : a.executedAt < b.executedAt ? -1 : 1;
}

/** One bot: status, position, performance, PnL curve and trades, all kept current by subscriptions. */
export function BotDetailScreen(props: { id: string }) {
  const { id } = props;
  const bot = useQuery(Bot, { id });
  const stats = useQuery(BotStats, { id });
  const [status, setStatus] = useState<StatusChange | undefined>(undefined);
  const [loaded, setLoaded] = useState<{ trades: ConsoleTradeFragment[]; total: number } | string | undefined>();
  const [liveTrades, setLiveTrades] = useState<ConsoleTradeFragment[]>([]);
  const [orders, setOrders] = useState<ConsoleOrderFragment[]>([]);

  useEffect(() => {
    let current = true;
    setLoaded(undefined);
    setLiveTrades([]);
    setOrders([]);
    setStatus(undefined);
    void loadTrades(id).then((result) => current && setLoaded(result));
    return () => {
      current = false;
    };
  }, [id]);

  const tradeError = useSubscription(TradeExecuted, { botId: id }, ({ tradeExecuted }) => {
    setLiveTrades((known) => [...known, tradeExecuted]);
    void stats.refetch();
  });
  const orderError = useSubscription(OrderUpdated, { botId: id }, ({ orderUpdated }) =>
    setOrders((known) => [orderUpdated, ...known.filter((order) => order.id !== orderUpdated.id)].slice(0, 20)),
  );
  const statusError = useSubscription(BotStatusChanged, { botId: id }, ({ botStatusChanged }) =>
    setStatus(botStatusChanged),
  );

  const trades = useMemo(() => {
    const all = new Map<string, ConsoleTradeFragment>();
    for (const trade of [...(typeof loaded === "object" ? loaded.trades : []), ...liveTrades]) all.set(trade.id, trade);
    return [...all.values()].sort(byExecution);
  }, [loaded, liveTrades]);

  const points = useMemo<PnlPoint[]>(() => {
    let total = 0;
    return trades.map((trade) => ({
      time: Date.parse(trade.executedAt) / 1000,
      pnl: (total += Number(trade.realizedPnl)),
    }));
  }, [trades]);

  if (bot.result === undefined) return <p class="muted">Loading…</p>;
  if (bot.result.error !== undefined) return <Alert message={bot.result.error} />;
  const info = bot.result.data.bot;
  if (info == null) {
    return (
      <>
        <Alert message={`There is no bot ${id} that you can see.`} />
        <a href="#/bots">Back to the bots</a>
      </>
    );
  }
  const current = { ...info, ...status };
  const quote = info.symbol.split("/")[1] ?? "";
  const base = info.symbol.split("/")[0] ?? "";
  const numbers = stats.result?.data?.bot;

  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="#/bots">Bots</a> / <span aria-current="page">{info.name}</span>
      </nav>
      <header class="screen-header">
        <h1>{info.name}</h1>
        <StatusBadge status={current.status} />
        <span class="muted">
          {info.symbol} · {info.strategy} on {info.exchange} · <TickerPrice symbol={info.symbol} quote={quote} />
        </span>
        <BotControls bot={current} onChange={setStatus} />
      </header>
      {current.statusReason && <Alert message={`Stopped by the system: ${current.statusReason}`} />}
      <Alert message={stats.result?.error ?? tradeError ?? orderError ?? statusError} />

      <div class="stat-grid">
        <section class="card" aria-labelledby="position-title">
          <h2 id="position-title">Position</h2>
          <dl class="stats">
            <Stat label="Quantity" value={`${decimal(numbers?.position.quantity)} ${base}`} />
            <Stat label="Average entry price" value={`${decimal(numbers?.position.averageEntryPrice, 4)} ${quote}`} />
            <Stat label="Cost basis" value={`${decimal(numbers?.position.costBasis, 4)} ${quote}`} />
          </dl>
        </section>
        <section class="card" aria-labelledby="performance-title">
          <h2 id="performance-title">Performance</h2>
          <dl class="stats">
            <Stat label="Trades" value={String(numbers?.performance.tradeCount ?? "—")} />
            <Stat
              label="Win rate"
              value={percent(numbers?.performance.winRate)}
              detail={
                numbers ? `${numbers.performance.winningTrades} won · ${numbers.performance.losingTrades} lost` : ""
              }
            />
            <Stat
              label="Realized PnL"
              value={`${decimal(numbers?.performance.realizedPnl, 4)} ${quote}`}
              tone={numbers ? signClass(numbers.performance.realizedPnl) : ""}
            />
            <Stat label="Fees" value={`${decimal(numbers?.performance.fees, 4)} ${quote}`} />
            <Stat label="Volume" value={`${decimal(numbers?.performance.volume, 2)} ${quote}`} />
          </dl>
        </section>
      </div>

      <section class="card" aria-labelledby="pnl-title">
        <h2 id="pnl-title">Cumulative realized PnL ({quote})</h2>
        {trades.length === 0 ? <p class="muted">No trades yet.</p> : <PnlChart points={points} currency={quote} />}
      </section>

      <div class="split">
        <section class="card" aria-labelledby="trades-title">
          <h2 id="trades-title">Trades</h2>
          {typeof loaded === "string" && <Alert message={loaded} />}
          {typeof loaded === "object" && loaded.total > loaded.trades.length && (
            <p class="muted">
              The first {loaded.trades.length} of {loaded.total} trades, and those since.
            </p>
          )}
          <TradeTable trades={trades} />
        </section>
        <section class="card" aria-labelledby="order-title">
          <h2 id="order-title">Submit an order</h2>
          <OrderForm botId={id} />
          <h3>Orders since this page opened</h3>
          {orders.length === 0 ? <p class="muted">None yet.</p> : <OrderList orders={orders} />}
        </section>
      </div>
    </>
  );
}

function Stat(props: { label: string; value: string; detail?: string; tone?: string }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd class={props.tone}>
        {props.value}
        {props.detail && <small class="muted">{props.detail}</small>}
      </dd>
    </div>
  );
}

function TickerPrice(props: { symbol: string; quote: string }) {
  const { result } = useQuery(Ticker, { symbol: props.symbol });
  const ticker = result?.data?.ticker;
  if (result?.error !== undefined) return <span class="negative">{result.error}</span>;
  if (ticker == null) return <span>no price yet</span>;
  return (
    <span title={`at ${dateTime(ticker.updatedAt)}`}>
      last price {decimal(ticker.price, 4)} {props.quote}
    </span>
  );
}

function TradeTable(props: { trades: ConsoleTradeFragment[] }) {
  if (props.trades.length === 0) return <p class="muted">No trades yet.</p>;
  return (
    <div class="table-scroll">
      <table aria-labelledby="trades-title">
        <thead>
          <tr>
            <th scope="col">Executed</th>
            <th scope="col">Side</th>
            <th scope="col" class="number">
              Quantity
            </th>
            <th scope="col" class="number">
              Price
            </th>
            <th scope="col" class="number">
              Fee
            </th>
            <th scope="col" class="number">
              Realized PnL
            </th>
          </tr>
        </thead>
        <tbody>
          {[...props.trades].reverse().map((trade) => (
            <tr key={trade.id}>
              <td class="nowrap">{dateTime(trade.executedAt)}</td>
              <td class={trade.side === "BUY" ? "buy" : "sell"}>{trade.side}</td>
              <td class="number">{decimal(trade.quantity)}</td>
              <td class="number">{decimal(trade.price, 4)}</td>
              <td class="number">
                {decimal(trade.fee, 4)} {trade.feeCurrency}
              </td>
              <td class={`number ${signClass(trade.realizedPnl)}`}>{decimal(trade.realizedPnl, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderList(props: { orders: ConsoleOrderFragment[] }) {
  return (
    <ul class="orders">
      {props.orders.map((order) => (
        <li key={order.id}>
          <span class={order.side === "BUY" ? "buy" : "sell"}>{order.side}</span> {decimal(order.quantity)}{" "}
          {order.type === "LIMIT" ? `at ${decimal(order.limitPrice, 4)}` : "at market"} —{" "}
          <strong>{order.status}</strong>
          {order.rejectReason && <span class="muted"> ({order.rejectReason})</span>}
        </li>
      ))}
    </ul>
  );
}

function clientOrderId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

const ORDER_FIELDS = ["side", "type", "quantity", "limitPrice"] as const;

function OrderForm(props: { botId: string }) {
  const [side, setSide] = useState<OrderSide>("BUY");
  const [type, setType] = useState<OrderType>("MARKET");
  const [quantity, setQuantity] = useState("0.01");
  const [limitPrice, setLimitPrice] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    const result = await request(SubmitOrder, {
      input: {
        botId: props.botId,
        clientOrderId: clientOrderId(),
        side,
        type,
        quantity: quantity.trim(),
        ...(type === "LIMIT" ? { limitPrice: limitPrice.trim() } : {}),
      },
    });
    setBusy(false);
    setFailure(result.error);
    setErrors(result.error !== undefined ? NO_ERRORS : fieldErrors(result.data.submitOrder.userErrors, ORDER_FIELDS));
  }

  return (
    <form class="form-grid compact" onSubmit={(event) => void submit(event)} noValidate>
      <Field id="order-side" label="Side" errors={errors.byField["side"]}>
        {(control) => (
          <select {...control} value={side} onChange={(event) => setSide(event.currentTarget.value as OrderSide)}>
            <option value="BUY">BUY</option>
            <option value="SELL">SELL</option>
          </select>
        )}
      </Field>
      <Field id="order-type" label="Type" errors={errors.byField["type"]}>
        {(control) => (
          <select {...control} value={type} onChange={(event) => setType(event.currentTarget.value as OrderType)}>
            <option value="MARKET">MARKET</option>
            <option value="LIMIT">LIMIT</option>
          </select>
        )}
      </Field>
      <Field id="order-quantity" label="Quantity" errors={errors.byField["quantity"]}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={quantity}
            onInput={(event) => setQuantity(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="order-limit-price" label="Limit price" errors={errors.byField["limitPrice"]}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            disabled={type === "MARKET"}
            placeholder={type === "MARKET" ? "market" : ""}
            value={type === "MARKET" ? "" : limitPrice}
            onInput={(event) => setLimitPrice(event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="form-footer">
        <button type="submit" disabled={busy}>
          Submit order
        </button>
        <Alert message={failure ?? (errors.other.length > 0 ? errors.other.join(" ") : undefined)} />
      </div>
    </form>
  );
}
