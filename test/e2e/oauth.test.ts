// OAuth 2.1 for MCP clients, end to end: the MCP SDK's own client with its
// OAuth support against the app as `npm start` runs it, and a user who logs
// in and approves on the app's consent page in headless Chromium.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  auth,
  discoverAuthorizationServerMetadata,
  exchangeAuthorization,
  refreshAuthorization,
  startAuthorization,
  UnauthorizedError,
  type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InvalidGrantError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityProblems,
  apiCall,
  baseUrl,
  freshUser,
  launch,
  newContext,
  screenshot,
  signUpApi,
  watch,
  type Credentials,
} from './browser';

// Nothing listens here: the browser's request to it is intercepted, as a desktop client's local callback would be.
const REDIRECT = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 8803) + 3}/callback`;

/** An MCP client's OAuth state, kept in memory, as the SDK asks a client to keep it. */
class MemoryProvider implements OAuthClientProvider {
  info?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  verifier = '';
  authorizationUrl?: URL;
  readonly redirectUrl = REDIRECT;
  readonly clientMetadata = {
    client_name: 'E2E SDK client',
    redirect_uris: [REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const mcpUrl = () => new URL(`${baseUrl()}/mcp`);

/** Opens the consent page, logs in as `user` and approves; the code the browser was sent back with. */
async function approveInBrowser(authorizationUrl: URL, user: Credentials) {
  const context = await newContext(browser);
  try {
    let callback: URL | undefined;
    await context.route(`${REDIRECT}**`, (route) => {
      callback = new URL(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'You can close this tab.' });
    });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(authorizationUrl.href);
    await page.getByRole('heading', { name: /Connect “E2E SDK client”/ }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'oauth-consent');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${REDIRECT}**`);
    expect(problems).toEqual([]);
    const code = callback?.searchParams.get('code');
    if (!code) throw new Error(`no code in ${callback?.href}`);
    return code;
  } finally {
    await context.close();
  }
}

/** The SDK's client over Streamable HTTP with the provider's OAuth. */
async function connect(provider: MemoryProvider) {
  const client = new Client({ name: 'e2e-oauth', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider }));
  return client;
}

/** The whole first connection: 401, discovery, registration, the browser, the code exchange. */
async function authorize(user: Credentials) {
  const provider = new MemoryProvider();
  const transport = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider });
  await expect(new Client({ name: 'e2e', version: '1.0.0' }).connect(transport)).rejects.toThrow(UnauthorizedError);
  expect(provider.info?.client_id).toBeTruthy();
  expect(provider.authorizationUrl?.searchParams.get('code_challenge_method')).toBe('S256');
  await transport.finishAuth(await approveInBrowser(provider.authorizationUrl!, user));
  return provider;
}

const text = (r: unknown) => (r as { content: [{ text: string }] }).content[0].text;

describe('OAuth with the MCP SDK client', () => {
  const alice = freshUser('oauth-alice');
  const bob = freshUser('oauth-bob');
  let aliceJwt: string;
  beforeAll(async () => {
    aliceJwt = await signUpApi(alice);
    await signUpApi(bob);
  });

  it('discovers, registers, is approved in the browser, calls tools, refreshes, and loses everything on a reused refresh token', async () => {
    const provider = await authorize(alice);
    const first = provider.saved!;
    expect(first.access_token).toMatch(/^utk_oat_/);
    expect(first.refresh_token).toMatch(/^utk_ort_/);

    const client = await connect(provider);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('add_task');
    const added = await client.callTool({ name: 'add_task', arguments: { title: 'Approved over OAuth' } });
    expect(added.isError).toBeFalsy();
    const listed = await apiCall<{ title: string }[]>('/api/v1/tasks', aliceJwt);
    expect(listed.map((t) => t.title)).toContain('Approved over OAuth');

    // auth() with a refresh token in hand refreshes instead of asking the user again.
    expect(await auth(provider, { serverUrl: mcpUrl() })).toBe('AUTHORIZED');
    const second = provider.saved!;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await (await connect(provider)).listTools();

    const metadata = await discoverAuthorizationServerMetadata(baseUrl());
    const refreshWith = (refreshToken: string) =>
      refreshAuthorization(baseUrl(), {
        metadata,
        clientInformation: provider.info!,
        refreshToken,
        resource: mcpUrl(),
      });
    await expect(refreshWith(first.refresh_token!)).rejects.toBeInstanceOf(InvalidGrantError);
    // The reuse revoked the family: the newest refresh and access tokens are refused too.
    await expect(refreshWith(second.refresh_token!)).rejects.toBeInstanceOf(InvalidGrantError);
    const refused = await fetch(mcpUrl(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        Authorization: `Bearer ${second.access_token}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toContain('resource_metadata="');
  });

  it('refuses a code exchanged with the wrong code_verifier', async () => {
    const provider = new MemoryProvider();
    const transport = new StreamableHTTPClientTransport(mcpUrl(), { authProvider: provider });
    await expect(new Client({ name: 'e2e', version: '1.0.0' }).connect(transport)).rejects.toThrow(UnauthorizedError);
    const code = await approveInBrowser(provider.authorizationUrl!, alice);
    const metadata = await discoverAuthorizationServerMetadata(baseUrl());
    const exchange = (codeVerifier: string) =>
      exchangeAuthorization(baseUrl(), {
        metadata,
        clientInformation: provider.info!,
        authorizationCode: code,
        codeVerifier,
        redirectUri: REDIRECT,
        resource: mcpUrl(),
      });
    const { codeVerifier: wrong } = await startAuthorization(baseUrl(), {
      metadata,
      clientInformation: provider.info!,
      redirectUrl: REDIRECT,
    });
    await expect(exchange(wrong)).rejects.toBeInstanceOf(InvalidGrantError);
  });

  it("gives another user's consent no access to the first user's tasks", async () => {
    const aliceTask = await apiCall<{ id: string }>('/api/v1/tasks', aliceJwt, { body: { title: 'Only for Alice' } });
    const provider = await authorize(bob);
    const client = await connect(provider);
    expect(text(await client.callTool({ name: 'list_tasks', arguments: {} }))).not.toContain('Alice');
    const got = await client.callTool({ name: 'get_task', arguments: { task_id: aliceTask.id } });
    expect(got.isError).toBe(true);
  });
});
