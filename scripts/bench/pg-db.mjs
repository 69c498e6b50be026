// Throwaway PostgreSQL databases for `npm run bench` on the local server
// (127.0.0.1:5432, user postgres, trust auth, as the test suite assumes): each
// app measured gets an empty one, so two schemas (today's and the baseline's)
// never meet and no run reads another's rows.
import { spawn, spawnSync } from 'node:child_process';

const SERVER = ['-h', '127.0.0.1', '-p', '5432', '-U', 'postgres'];

function pg(cmd, args, input) {
  const r = spawnSync(cmd, [...SERVER, ...args], { encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

/** Creates database `name`; returns its URL and a function that drops it. */
export function createDatabase(name) {
  pg('createdb', [name]);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: () => {
      try {
        pg('dropdb', ['--force', '--if-exists', name]);
      } catch (err) {
        console.error(`could not drop ${name}: ${err.message}`);
      }
    },
  };
}

/** Runs a SQL script on database `name` in one transaction, stopping at the first error (async: see big-list.mjs). */
export function runSql(name, script) {
  const args = [...SERVER, '-q', '-X', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', name, '-f', '-'];
  return new Promise((resolve, reject) => {
    const child = spawn('psql', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql: ${out.slice(-2000)}`))));
    child.stdin.end(script);
  });
}
