// scripts/coverage.ts (npm run coverage): the lcov it reads is V8's, which repeats a line or a branch when a
// function's declaration and its body both report it; the figures must count each once, and an area must be
// a folder's files only.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { area, parseLcov, percent } from '../../scripts/coverage.js';

const base = path.resolve('/repo');
const lcov = [
  'TN:',
  'SF:src/api/client.ts',
  'DA:1,0',
  'DA:1,3', // the same line again, run this time: counts as run, once
  'DA:2,0',
  'DA:3,5',
  'DA:3,0', // and a line run, then reported again as not: still run
  'BRDA:2,0,0,1',
  'BRDA:2,0,0,-', // a branch taken, then reported again as never reached: still taken
  'BRDA:2,0,1,-', // never reached
  'BRDA:2,0,1,0', // repeated, still not taken
  'BRDA:3,1,0,0',
  'end_of_record',
  'SF:/repo/src/apix/other.ts', // absolute, and a folder whose name only starts like src/api
  'DA:1,1',
  'end_of_record',
  'SF:src/core/config.ts',
  'DA:1,0',
  'end_of_record',
  'SF:src/api/client.ts', // the same file in a second record (two lcov files joined): one row
  'DA:2,4', // a line the first record did not run
  'DA:4,0', // a line the first record did not have
  'BRDA:3,1,0,2',
  'end_of_record',
  '',
].join('\n');

test('parseLcov counts a repeated line or branch once, run if any report ran it, with paths relative to the repository', () => {
  assert.deepEqual(parseLcov(lcov, base), [
    { file: 'src/api/client.ts', lines: 4, linesHit: 3, branches: 3, branchesHit: 2 },
    { file: 'src/apix/other.ts', lines: 1, linesHit: 1, branches: 0, branchesHit: 0 },
    { file: 'src/core/config.ts', lines: 1, linesHit: 0, branches: 0, branchesHit: 0 },
  ]);
});

test('an area adds up its folder’s files only, and a percentage of nothing is a dash, not 0 % or NaN', () => {
  const files = parseLcov(lcov, base);
  assert.deepEqual(area(files, 'src/api'), { file: 'src/api', lines: 4, linesHit: 3, branches: 3, branchesHit: 2 });
  assert.deepEqual(area(files, 'src'), { file: 'src', lines: 6, linesHit: 4, branches: 3, branchesHit: 2 });
  assert.deepEqual(area(files, 'src/core/config.ts'), { file: 'src/core/config.ts', lines: 1, linesHit: 0, branches: 0, branchesHit: 0 });
  // Rounded down: a figure never claims more than ran, and 100.0 % means all of it.
  assert.equal(percent(2, 3), '66.6 %');
  assert.equal(percent(9_996, 10_000), '99.9 %');
  assert.equal(percent(7, 7), '100.0 %');
  assert.equal(percent(0, 0), '—');
});
