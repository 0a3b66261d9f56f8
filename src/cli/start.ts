import { join } from 'node:path';
import type { Command } from 'commander';
import { compileFile, defaultIncludePaths } from '../p4c/index.js';
import { formatDiagnostic } from '../p4c/diagnostics.js';

/** The data-plane programs shipped with the firmware, relative to p4/. */
const PROGRAMS = ['v1model/softmesh.p4', 'tna/softmesh.p4'];

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the firmware on the embedded switch (currently: compile and check the shipped P4 programs)')
    .action(() => {
      const archDir = defaultIncludePaths()[0];
      if (!archDir) throw new Error('p4/ sources not found beside the package');
      const p4Root = join(archDir, '..');
      let failed = 0;
      for (const relative of PROGRAMS) {
        const started = performance.now();
        const result = compileFile(join(p4Root, relative));
        const ms = (performance.now() - started).toFixed(1);
        for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
        if (result.ir) process.stdout.write(`p4/${relative}: ok (${ms} ms)\n`);
        else {
          failed++;
          process.stdout.write(`p4/${relative}: ${result.diagnostics.length} diagnostics\n`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
