import { useEffect, useState } from 'preact/hooks';
import { mcpConfigs } from '../lib/mcp-config';
import { notify } from '../state/notices';
import { user } from '../state/session';
import {
  apps,
  created,
  createToken,
  disconnectApp,
  leaveTokens,
  loadCredentials,
  loadError,
  revokeToken,
  tokens,
  type NewToken,
} from '../state/tokens';
import './tokens.css';

const day = (iso: string | null, none = 'Never') =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : none;

const EXPIRIES: [string, number | null][] = [
  ['Never', null],
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['1 year', 365],
];

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    notify(`Copied ${what}.`);
  } catch {
    notify('Could not copy; select the text and copy it yourself.', 'error');
  }
}

function TokenForm() {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('0');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    if (await createToken(name.trim(), EXPIRIES[Number(expiry)]![1])) setName('');
    setBusy(false);
  };
  return (
    <form class="token-form" onSubmit={submit}>
      <label class="grow">
        Token name
        <input
          value={name}
          required
          maxLength={100}
          placeholder="e.g. Claude Code on my laptop"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label>
        Expires after
        <select value={expiry} onChange={(e) => setExpiry(e.currentTarget.value)}>
          {EXPIRIES.map(([label], i) => (
            <option key={label} value={String(i)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={busy || !name.trim()}>
        Create token
      </button>
    </form>
  );
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <div class="snippet">
      <div class="snippet-head">
        <h3>{title}</h3>
        <button type="button" onClick={() => void copy(text, title)}>
          Copy
        </button>
      </div>
      <pre>
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** The new token, once: its secret and the configuration to paste into an MCP client. */
function CreatedToken({ token }: { token: NewToken }) {
  const configs = mcpConfigs(location.origin, token.token);
  return (
    <section class="card created" aria-labelledby="created-title">
      <h2 id="created-title">Copy “{token.name}” now</h2>
      <p>This is the only time the token is shown. Store it like a password.</p>
      <div class="secret">
        <input readOnly aria-label="New token" value={token.token} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="primary" onClick={() => void copy(token.token, 'the token')}>
          Copy token
        </button>
      </div>
      <Snippet title="MCP client configuration (JSON)" text={configs.json} />
      <Snippet title="Claude Code" text={configs.claude} />
      <Snippet title="MCP Inspector (CLI)" text={configs.inspector} />
      <button type="button" class="link" onClick={() => (created.value = null)}>
        I have copied it; hide it
      </button>
    </section>
  );
}

function TokenList() {
  const list = tokens.value;
  if (list === null) return <p class="state">Loading…</p>;
  if (list.length === 0) return <p class="state">No tokens yet.</p>;
  return (
    <ul class="credential-list">
      {list.map((t) => (
        <li key={t.id} class="credential">
          <div class="grow">
            <strong>{t.name}</strong>
            <span class="meta">
              Created {day(t.created_at)} · Expires {day(t.expires_at)} · Last used {day(t.last_used_at, 'never')}
            </span>
          </div>
          <button type="button" class="danger" aria-label={`Revoke ${t.name}`} onClick={() => void revokeToken(t)}>
            Revoke
          </button>
        </li>
      ))}
    </ul>
  );
}

function AppList() {
  const list = apps.value;
  if (list === null) return <p class="state">Loading…</p>;
  if (list.length === 0) return <p class="state">No apps connected. An MCP client that signs you in shows up here.</p>;
  return (
    <ul class="credential-list">
      {list.map((a) => (
        <li key={a.id} class="credential">
          <div class="grow">
            <strong>{a.client_name}</strong>
            <span class="meta">
              Connected {day(a.created_at)} · Last used {day(a.last_used_at, 'never')} · Can read and change your tasks
            </span>
          </div>
          <button
            type="button"
            class="danger"
            aria-label={`Disconnect ${a.client_name}`}
            onClick={() => void disconnectApp(a)}
          >
            Disconnect
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Tokens & connected apps: personal access tokens for MCP clients and scripts, and the OAuth apps a user approved. */
export function Tokens() {
  useEffect(() => {
    void loadCredentials();
    return leaveTokens;
  }, []);
  return (
    <div class="tokens-page">
      <header class="topbar">
        <a href="#/">← Tasks</a>
        <h1>Tokens &amp; connected apps</h1>
        <span class="who">{user.value?.email}</span>
      </header>
      <main class="tokens-content">
        {loadError.value && (
          <p class="error" role="alert">
            {loadError.value}
          </p>
        )}
        <section aria-labelledby="pat-title">
          <h2 id="pat-title">Personal access tokens</h2>
          <p class="hint">
            For MCP clients and scripts: send one as <code>Authorization: Bearer …</code> to <code>/mcp</code> or the
            REST API. Revoking one stops it at once.
          </p>
          <TokenForm />
          {created.value && <CreatedToken token={created.value} />}
          <TokenList />
        </section>
        <section aria-labelledby="apps-title">
          <h2 id="apps-title">Connected apps</h2>
          <p class="hint">Apps you approved with OAuth. Disconnecting one ends every token it holds.</p>
          <AppList />
        </section>
      </main>
    </div>
  );
}
