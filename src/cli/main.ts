// `softmesh <command>`: the firmware's command line. Every command has --help;
// errors print one clear line and exit non-zero.

import { Command, CommanderError } from 'commander';
import { registerP4Commands } from './p4.js';
import { registerSimCommand } from './sim.js';
import { registerStartCommand } from './start.js';

import { CliError } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('softmesh')
    .description('Router firmware for programmable P4 switches: softwire mesh AFBR and P2MP MPLS LSR')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStartCommand(program);
  registerSimCommand(program);
  registerP4Commands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode;
    }
    if (error instanceof CliError) {
      process.stderr.write(`softmesh: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`softmesh: internal error: ${message}\n`);
    return 70;
  }
}
