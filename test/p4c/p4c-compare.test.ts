// Our P4Info against p4c's own (`--p4runtime-files`), for every v1model program
// of the test corpora and of p4/. The machines that build this project have no
// p4c; where it is absent these cases are reported as skipped, never passed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFile, defaultIncludePaths } from '../../src/p4c/index.js';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { emitP4Info, formatP4Info, parseP4Info } from '../../src/p4c/p4info/index.js';

function findCompiler(): string | undefined {
  for (const name of ['p4test', 'p4c-bm2-ss']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

const root = new URL('../..', import.meta.url).pathname;
const programs = [
  join(root, 'p4/v1model/softmesh.p4'),
  ...['test/p4c/p4info-golden', 'test/p4c/check-corpus/accept']
    .map((dir) => join(root, dir))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.p4')).map((f) => join(dir, f))),
].filter((file) => /V1Switch\s*\(/.test(readFileSync(file, 'utf8')));

const compiler = findCompiler();

describe('P4Info identical to p4c', () => {
  it('has v1model programs to compare', () => {
    expect(programs.length).toBeGreaterThan(3);
  });

  for (const program of programs) {
    it.skipIf(!compiler)(`${program.slice(root.length)} (${compiler ?? 'p4c not on PATH: not run'})`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'p4c-compare-')), 'p4c.p4info.txtpb');
      const includes = defaultIncludePaths().slice(1).flatMap((dir) => ['-I', dir]);
      execFileSync(compiler!, ['--arch', 'v1model', ...includes, '--p4runtime-files', out, program], { stdio: 'pipe' });
      const theirs = parseP4Info(readFileSync(out, 'utf8'), 'text');
      expect(theirs.ok).toBe(true);
      const compiled = compileFile(program);
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ours = emitP4Info(compiled.ir!, new Diagnostics());
      // Both through the same printer: differences in defaults or field order cannot hide or invent a mismatch.
      expect(formatP4Info(ours, 'text')).toBe(theirs.ok ? formatP4Info(theirs.value, 'text') : '');
    });
  }
});
