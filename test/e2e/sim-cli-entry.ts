// Entry point for the `softmesh sim` child-process test: the project's CLI,
// with the sim command registered if src/cli/main.ts does not (yet) do it.

import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { registerSimCommand } from '../../src/cli/sim.js';

const program = buildProgram();
if (!program.commands.some((command) => command.name() === 'sim')) registerSimCommand(program);
program.parseAsync(process.argv.slice(2), { from: 'user' }).then(
  () => process.exit(0),
  (error: unknown) => {
    // Help and usage errors were printed by commander already.
    if (error instanceof CommanderError) process.exit(error.exitCode);
    process.stderr.write(`softmesh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
