// Runs every benchmark in bench/ (each file prints one machine-readable JSON line).
// `npm run bench` runs all; `npm run bench -- sim` runs those whose name contains "sim".

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

let failures = 0;
for (const name of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, name)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    failures++;
    process.stdout.write(JSON.stringify({ bench: name.replace(/\.ts$/, ''), error: `exit ${result.status}` }) + '\n');
  }
}
process.exit(failures ? 1 : 0);
