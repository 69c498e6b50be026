import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDevVars, parseDotenv } from '../../scripts/config.mjs';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'devvars-')), '.dev.vars');
const mode = (path: string) => statSync(path).mode & 0o777;

describe('.dev.vars', () => {
  it('is created owner-only with a random JWT_SECRET on first start', () => {
    const path = fresh();
    expect(ensureDevVars(path)).toBe(true);
    expect(mode(path)).toBe(0o600);
    expect(parseDotenv(readFileSync(path, 'utf8')).JWT_SECRET).toMatch(/^[\w-]{64}$/);
  });

  it('becomes owner-only when a secret is added to one that anyone could read, keeping what it held', () => {
    const path = fresh();
    writeFileSync(path, 'OPENAI_MODEL=gpt-4o-mini', { mode: 0o644 });
    expect(mode(path)).toBe(0o644);
    expect(ensureDevVars(path)).toBe(true);
    expect(mode(path)).toBe(0o600);
    const vars = parseDotenv(readFileSync(path, 'utf8'));
    expect(vars.OPENAI_MODEL).toBe('gpt-4o-mini');
    expect(vars.JWT_SECRET).toBeTruthy();
  });

  it('never replaces a secret, and still makes its file owner-only', () => {
    const path = fresh();
    writeFileSync(path, 'JWT_SECRET="mine-mine-mine-mine-mine-mine-mine-mine"\n', { mode: 0o664 });
    expect(ensureDevVars(path)).toBe(false);
    expect(parseDotenv(readFileSync(path, 'utf8')).JWT_SECRET).toBe('mine-mine-mine-mine-mine-mine-mine-mine');
    expect(mode(path)).toBe(0o600);
  });

  it('reads values as Node reads --env-file: quotes, export, comments', () => {
    expect(parseDotenv('A=1\nexport B="x y"\n# note\nC=\'q\'\n')).toEqual({ A: '1', B: 'x y', C: 'q' });
  });
});
