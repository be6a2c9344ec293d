// Type-checks a consumer of the hand-written declarations (src/*.d.ts) with tsc --noEmit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { WEB_DIR } from './helpers.mjs';

test('tact.d.ts and attach.d.ts type-check a consumer file', () => {
  const tsc = join(WEB_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
  assert.ok(existsSync(tsc), 'typescript is not installed in web/node_modules: run scripts/setup');
  const run = spawnSync(process.execPath, [tsc, '-p', join(WEB_DIR, 'test', 'types', 'tsconfig.json')],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
