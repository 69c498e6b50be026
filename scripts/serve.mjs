// What `npm start` and `npm run start:pg` share: build the UI, then serve the
// Worker with `wrangler dev` on PORT, configured from .dev.vars + environment.
import { spawn, spawnSync } from 'node:child_process';
import { ensureDevVars, resolveConfig, writeEnvFile } from './config.mjs';

// STATE_DIR gives an instance its own local database (the e2e suite and the
// benchmark start on an empty one); INSPECTOR_PORT lets several run side by side.
const stateDir = process.env.STATE_DIR;
export const persistArgs = stateDir ? ['--persist-to', stateDir] : [];
const inspectorArgs = process.env.INSPECTOR_PORT ? ['--inspector-port', process.env.INSPECTOR_PORT] : [];
const ENV_FILE = stateDir ? `${stateDir}/start.env` : '.wrangler/start.env';

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/** .dev.vars (with a JWT_SECRET written on first start) overlaid with the environment and `overrides`. */
export function prepare(overrides = {}) {
  if (ensureDevVars()) console.log('Wrote a random JWT_SECRET to .dev.vars (first start).');
  const config = resolveConfig(overrides);
  run('vite', ['build', '--logLevel', 'warn']);
  return config;
}

/**
 * Serves the Worker until wrangler exits or the process is told to stop;
 * `cleanup` runs before exiting either way.
 */
export function serve(config, { cleanup = async () => {} } = {}) {
  const port = process.env.PORT || '8787';
  writeEnvFile(ENV_FILE, config);
  console.log(
    `\nServing on http://localhost:${port} (database: ${config.DATABASE_URL ? 'postgres' : 'd1'}, chat: ${config.OPENAI_API_KEY ? 'OpenAI-compatible' : 'built-in agent'})\n`,
  );
  const child = spawn(
    'wrangler',
    [
      'dev',
      '--port',
      port,
      '--env-file',
      ENV_FILE,
      '--show-interactive-dev-session=false',
      ...persistArgs,
      ...inspectorArgs,
    ],
    { stdio: 'inherit' },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', async (code, signal) => {
    await cleanup();
    process.exit(signal ? 0 : (code ?? 0));
  });
}
