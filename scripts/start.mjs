// npm start: build the UI, migrate the local D1 database, serve app and API.
import './check-node.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { ensureDevVars, resolveConfig, writeEnvFile } from './config.mjs';

const port = process.env.PORT || '8787';
// STATE_DIR gives an instance its own local database (the e2e suite starts on an empty one);
// INSPECTOR_PORT lets several instances run side by side.
const stateDir = process.env.STATE_DIR;
const persist = stateDir ? ['--persist-to', stateDir] : [];
const inspector = process.env.INSPECTOR_PORT ? ['--inspector-port', process.env.INSPECTOR_PORT] : [];
const ENV_FILE = stateDir ? `${stateDir}/start.env` : '.wrangler/start.env';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

if (ensureDevVars()) console.log('Wrote a random JWT_SECRET to .dev.vars (first start).');
const config = resolveConfig();

run('vite', ['build', '--logLevel', 'warn']);
// CI=true keeps wrangler from asking for confirmation; --local never touches a remote database.
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { env: { ...process.env, CI: 'true' } });

writeEnvFile(ENV_FILE, config);
console.log(`\nServing on http://localhost:${port} (database: ${config.DATABASE_URL ? 'postgres' : 'd1'}, chat: ${config.OPENAI_API_KEY ? 'OpenAI-compatible' : 'built-in agent'})\n`);
const child = spawn(
  'wrangler',
  ['dev', '--port', port, '--env-file', ENV_FILE, '--show-interactive-dev-session=false', ...persist, ...inspector],
  { stdio: 'inherit' },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
