import { useState } from "preact/hooks";
import { request, type UserError } from "../api";
import { graphql } from "../gql";
import type { BotStatus } from "../gql/graphql";
import { Alert } from "./forms";

const StartBot = graphql(`
  mutation ConsoleStartBot($id: ID!) {
    startBot(id: $id) {
      bot {
        id
        status
        statusReason
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const PauseBot = graphql(`
  mutation ConsolePauseBot($id: ID!) {
    pauseBot(id: $id) {
      bot {
        id
        status
        statusReason
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const StopBot = graphql(`
  mutation ConsoleStopBot($id: ID!) {
    stopBot(id: $id) {
      bot {
        id
        status
        statusReason
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** A bot's status as it changed. */
export interface StatusChange {
  id: string;
  status: BotStatus;
  statusReason?: string | null;
}

const COMMANDS = {
  start: { label: "Start", from: ["STOPPED", "PAUSED"] },
  pause: { label: "Pause", from: ["RUNNING"] },
  stop: { label: "Stop", from: ["RUNNING", "PAUSED", "ERROR"] },
} as const satisfies Record<string, { label: string; from: readonly BotStatus[] }>;

type Command = keyof typeof COMMANDS;

async function send(
  command: Command,
  id: string,
): Promise<{ bot?: StatusChange | null; userErrors: UserError[] } | string> {
  switch (command) {
    case "start": {
      const result = await request(StartBot, { id });
      return result.error ?? result.data.startBot;
    }
    case "pause": {
      const result = await request(PauseBot, { id });
      return result.error ?? result.data.pauseBot;
    }
    case "stop": {
      const result = await request(StopBot, { id });
      return result.error ?? result.data.stopBot;
    }
  }
}

/** Start, pause and stop buttons for one bot, each enabled only where the lifecycle allows it. */
export function BotControls(props: {
  bot: { id: string; name: string; status: BotStatus };
  onChange(bot: StatusChange): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  async function run(command: Command) {
    setBusy(true);
    const outcome = await send(command, props.bot.id);
    setBusy(false);
    if (typeof outcome === "string") setError(outcome);
    else if (outcome.userErrors.length > 0) setError(outcome.userErrors.map((e) => e.message).join(" "));
    else {
      setError(undefined);
      if (outcome.bot) props.onChange(outcome.bot);
    }
  }
  return (
    <div class="controls" role="group" aria-label={`Lifecycle of ${props.bot.name}`}>
      {(Object.keys(COMMANDS) as Command[]).map((command) => (
        <button
          key={command}
          type="button"
          class={`small ${command}`}
          disabled={busy || !(COMMANDS[command].from as readonly BotStatus[]).includes(props.bot.status)}
          onClick={() => void run(command)}
        >
          {COMMANDS[command].label}
        </button>
      ))}
      <Alert message={error} />
    </div>
  );
}

/** A bot's status as a coloured badge. */
export function StatusBadge(props: { status: string }) {
  return <span class={`badge badge-${props.status.toLowerCase()}`}>{props.status}</span>;
}
