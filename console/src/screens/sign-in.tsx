import { useEffect, useState } from "preact/hooks";
import { fetchDevToken, viewerOf } from "../api";
import { Alert } from "../components/forms";

/** Asks for a token (pasted, or the gateway's development token where it offers one). */
export function SignIn(props: { onSignIn(token: string): void }) {
  const [token, setToken] = useState("");
  const [devToken, setDevToken] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void fetchDevToken().then((found) => current && setDevToken(found));
    return () => {
      current = false;
    };
  }, []);

  function submit(event: Event) {
    event.preventDefault();
    const trimmed = token.trim().replace(/^Bearer\s+/i, "");
    if (viewerOf(trimmed) === null) {
      setError("That is not a token: paste the JWT that `npm run token` or `npm start` printed.");
      return;
    }
    props.onSignIn(trimmed);
  }

  return (
    <main class="sign-in">
      <form class="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">tradebot console</h1>
        <p class="muted">Sign in with a bearer token for the gateway.</p>
        <div class="field">
          <label for="token">Token</label>
          <input
            id="token"
            name="token"
            type="password"
            spellcheck={false}
            autocomplete="off"
            placeholder="eyJhbGciOiJIUzI1NiIs…"
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
        </div>
        <Alert message={error} />
        <div class="actions">
          <button type="submit">Sign in</button>
          {devToken !== null && (
            <button type="button" class="secondary" onClick={() => props.onSignIn(devToken)}>
              Use dev token
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
