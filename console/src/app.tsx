import { useState } from "preact/hooks";
import { storedToken, storeToken, viewerOf } from "./api";
import { useLiveState, useRoute } from "./hooks";
import { BotDetailScreen } from "./screens/bot-detail";
import { BotsScreen } from "./screens/bots";
import { FlagsScreen } from "./screens/flags";
import { OpsScreen } from "./screens/ops";
import { SignIn } from "./screens/sign-in";
import { WebhooksScreen } from "./screens/webhooks";

const SCREENS = [
  { path: "bots", label: "Bots", admin: false },
  { path: "webhooks", label: "Webhooks", admin: false },
  { path: "ops", label: "Ops", admin: true },
  { path: "flags", label: "Flags", admin: true },
] as const;

function Screen(props: { route: string[] }) {
  const [screen = "bots", id] = props.route;
  switch (screen) {
    case "bots":
      return id === undefined ? <BotsScreen /> : <BotDetailScreen key={id} id={id} />;
    case "webhooks":
      return <WebhooksScreen selected={id} />;
    case "ops":
      return <OpsScreen />;
    case "flags":
      return <FlagsScreen selected={id} />;
    default:
      return (
        <p class="alert" role="alert">
          No screen {screen}. <a href="#/bots">Go to the bots</a>.
        </p>
      );
  }
}

function LiveIndicator() {
  const state = useLiveState();
  if (state === "idle") return null;
  return (
    <span class={`live live-${state}`} role="status">
      {state === "connected" ? "Live" : state === "connecting" ? "Connecting…" : "Offline"}
    </span>
  );
}

/** The console: the sign-in screen without a token, else the navigation and the screen the hash names. */
export function App() {
  const [token, setToken] = useState(storedToken);
  const route = useRoute();

  function signIn(next: string | null) {
    storeToken(next);
    setToken(next);
  }

  if (token === null) return <SignIn onSignIn={signIn} />;
  const viewer = viewerOf(token);
  const admin = viewer?.roles.includes("admin") ?? false;
  const current = route[0] ?? "bots";
  return (
    <>
      <header class="topbar">
        <a class="brand" href="#/bots">
          tradebot <span>console</span>
        </a>
        <nav aria-label="Screens">
          {SCREENS.filter((screen) => admin || !screen.admin).map((screen) => (
            <a key={screen.path} href={`#/${screen.path}`} aria-current={current === screen.path ? "page" : undefined}>
              {screen.label}
            </a>
          ))}
        </nav>
        <LiveIndicator />
        <span class="viewer">
          {viewer ? (
            <>
              {viewer.sub} <small>{viewer.roles.join(", ")}</small>
            </>
          ) : (
            "unknown viewer"
          )}
        </span>
        <a
          href="#/bots"
          class="sign-out"
          onClick={() => {
            signIn(null);
          }}
        >
          Sign out
        </a>
      </header>
      <main class="content">
        <Screen route={route} />
      </main>
    </>
  );
}
