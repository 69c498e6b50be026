// npm start: build the UI, migrate the local D1 database, serve app and API.
import './check-node.mjs';
import { persistArgs, prepare, run, serve } from './serve.mjs';

const config = prepare();
// CI=true keeps wrangler from asking for confirmation; --local never touches a remote database.
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persistArgs], {
  env: { ...process.env, CI: 'true' },
});
serve(config);
