import { html } from 'hono/html';
import type { AuthorizeParams } from '../auth/oauth-schema';

/** What the one scope lets a client do, in the user's words. */
const ABILITIES = [
  'See your tasks',
  'Add tasks and change their title, notes, priority and due date',
  'Complete and reopen tasks',
  'Delete tasks',
];

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f5f5f7; color: #1d1d1f; }
main { max-width: 26rem; margin: 3rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 4px rgb(0 0 0 / 12%); }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
label { display: block; margin-top: .8rem; font-weight: 600; }
input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit;
  border: 1px solid #888; border-radius: 6px; }
.actions { display: flex; gap: .8rem; margin-top: 1.2rem; }
button { flex: 1; padding: .6rem; font: inherit; font-weight: 600; border-radius: 6px; border: 1px solid #555;
  background: #fff; color: #1d1d1f; cursor: pointer; }
button[value=approve] { background: #0b57d0; border-color: #0b57d0; color: #fff; }
.error { color: #a50e0e; background: #fce8e6; padding: .5rem .8rem; border-radius: 6px; }
.where { color: #555; font-size: .9rem; overflow-wrap: anywhere; }
`;

/** Content-Security-Policy for the page: its own style, no script, and forms posted only here, or to the client. */
export function consentPolicy(nonce: string, redirectUri?: string) {
  let target = '';
  if (redirectUri) {
    const url = new URL(redirectUri);
    // Chrome applies form-action to the redirect that follows the post, too.
    target = url.protocol === 'http:' || url.protocol === 'https:' ? ` ${url.origin}` : ` ${url.protocol}`;
  }
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `form-action 'self'${target}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const layout = (nonce: string, title: string, body: unknown) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>${title}</title>
    <style nonce="${nonce}">
      ${STYLE}
    </style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;

/** A request that cannot go back to the client: told to the user, who can close the tab. */
export const errorPage = (nonce: string, message: string) =>
  layout(
    nonce,
    'Cannot connect this app',
    html`<h1>Cannot connect this app</h1>
      <p class="error" role="alert">${message}</p>
      <p>Go back to the app and start connecting again.</p>`,
  );

const PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'code_challenge',
  'code_challenge_method',
  'state',
  'scope',
  'resource',
] as const satisfies (keyof AuthorizeParams)[];

/**
 * The log-in and consent page: it names the client, says what it may do and
 * where it sends the answer, and takes email, password and Approve or Deny.
 * The authorization request rides along in hidden fields.
 */
export function consentPage(
  nonce: string,
  view: { clientName: string; redirectUri: string; params: AuthorizeParams; email?: string; error?: string },
) {
  const hidden = PARAMS.filter((k) => view.params[k] !== undefined).map(
    (k) => html`<input type="hidden" name="${k}" value="${view.params[k]}" />`,
  );
  const { host } = new URL(view.redirectUri);
  return layout(
    nonce,
    `Connect ${view.clientName}`,
    html`<h1>Connect “${view.clientName}” to your tasks</h1>
      <p><strong>${view.clientName}</strong> wants to use your task list through MCP. If you approve, it can:</p>
      <ul>
        ${ABILITIES.map((a) => html`<li>${a}</li>`)}
      </ul>
      <p class="where">You will be sent back to ${host || view.redirectUri}. Only approve apps you trust; you can
        disconnect it any time under Tokens &amp; connected apps.</p>
      ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
      <form method="post" action="/oauth/authorize">
        ${hidden}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="${view.email ?? ''}" />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
          <button type="submit" name="decision" value="approve">Approve</button>
        </div>
      </form>`,
  );
}
