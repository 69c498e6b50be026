import { signal } from '@preact/signals';
import type { InferResponseType } from 'hono/client';
import { api, errorText, send } from './api';
import { notify } from './notices';

export type PersonalToken = InferResponseType<typeof api.tokens.$get, 200>[number];
export type NewToken = InferResponseType<typeof api.tokens.$post, 201>;
export type ConnectedApp = InferResponseType<typeof api.connections.$get, 200>[number];

/** The page's address; the page shows at `#/tokens`. */
export const TOKENS_HASH = '#/tokens';
export const hash = signal(typeof location === 'undefined' ? '' : location.hash);
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (hash.value = location.hash));

export const tokens = signal<PersonalToken[] | null>(null);
export const apps = signal<ConnectedApp[] | null>(null);
/** The token just created, with its secret: shown once, gone when the page is left. */
export const created = signal<NewToken | null>(null);
export const loadError = signal<string | null>(null);

export async function loadCredentials() {
  try {
    const [t, a] = await Promise.all([send(api.tokens.$get()), send(api.connections.$get())]);
    tokens.value = await t.json();
    apps.value = await a.json();
    loadError.value = null;
  } catch (err) {
    loadError.value = errorText(err);
  }
}

/** Creates a token; true when it worked (its secret is then in `created`). */
export async function createToken(name: string, expiresInDays: number | null): Promise<boolean> {
  try {
    const res = await send(api.tokens.$post({ json: { name, expires_in_days: expiresInDays } }));
    created.value = await res.json();
    await loadCredentials();
    return true;
  } catch (err) {
    notify(`Could not create the token: ${errorText(err)}`, 'error');
    return false;
  }
}

export async function revokeToken(token: PersonalToken) {
  try {
    await send(api.tokens[':id'].$delete({ param: { id: token.id } }));
    if (created.value?.id === token.id) created.value = null;
    notify(`Revoked “${token.name}”; it no longer works anywhere.`);
  } catch (err) {
    notify(`Could not revoke the token: ${errorText(err)}`, 'error');
  }
  await loadCredentials();
}

export async function disconnectApp(app: ConnectedApp) {
  try {
    await send(api.connections[':id'].$delete({ param: { id: app.id } }));
    notify(`Disconnected ${app.client_name}; its tokens no longer work.`);
  } catch (err) {
    notify(`Could not disconnect the app: ${errorText(err)}`, 'error');
  }
  await loadCredentials();
}

/** Leaving the page forgets the secret shown on it. */
export function leaveTokens() {
  created.value = null;
}
