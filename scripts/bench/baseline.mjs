// The app as it was just before the change log landed, for `npm run bench` to
// measure "today's write" beside the write with its event and its push, in the
// same run on the same machine. The commit is found from the migration that
// added task_events (its first parent), or named with BENCH_BASELINE=<rev>;
// BENCH_BASELINE=off skips it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The migration that added the change log (task_events) on D1. */
const CHANGE_LOG_MIGRATION = 'drizzle/sqlite/0003_change_log.sql';

function git(args, opts = {}) {
  const r = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout.trim();
}

/** `{commit, why}` for the baseline, or null when BENCH_BASELINE=off. */
export function baselineCommit() {
  const wanted = process.env.BENCH_BASELINE;
  if (wanted === 'off') return null;
  if (wanted) return { commit: git(['rev-parse', '--short', wanted]), why: `BENCH_BASELINE=${wanted}` };
  const added = git(['log', '--format=%h', '--diff-filter=A', '--', CHANGE_LOG_MIGRATION]).split('\n').pop();
  if (!added) throw new Error(`no commit adds ${CHANGE_LOG_MIGRATION}`);
  return {
    commit: git(['rev-parse', '--short', `${added}^1`]),
    why: `the parent of ${added}, which added task_events`,
  };
}

/**
 * A throwaway copy of `commit`'s tree outside the repository (git archive: no
 * worktree to leave behind if the run dies), with this checkout's
 * node_modules linked in. Returns `{dir, remove}`.
 */
export function checkoutBaseline(commit) {
  const dir = mkdtempSync(join(tmpdir(), `tasks-bench-base-${commit}-`));
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${commit}: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
