import { computed } from '@preact/signals';
import { api, send, sessionLost, token } from './api';
import { clearDrafts } from './drafts';
import { stored } from './stored';

export interface User {
  id: string;
  email: string;
  name: string | null;
}

export const user = stored<User | null>(localStorage, 'tasks.user', null);
export const signedIn = computed(() => token.value !== null);

type AuthCall = ReturnType<typeof api.auth.login.$post> | ReturnType<typeof api.auth.signup.$post>;

async function enter(call: AuthCall) {
  const body = await (await send<Awaited<AuthCall>>(call)).json();
  user.value = { id: body.user.id, email: body.user.email, name: body.user.name };
  sessionLost.value = false;
  token.value = body.token;
}

export const signup = (input: { email: string; password: string; name?: string }) =>
  enter(api.auth.signup.$post({ json: input }));

export const login = (input: { email: string; password: string }) => enter(api.auth.login.$post({ json: input }));

/** Logging out drops the token, the user and this tab's drafts (a lost session keeps them). */
export function logout() {
  token.value = null;
  user.value = null;
  sessionLost.value = false;
  clearDrafts();
}
