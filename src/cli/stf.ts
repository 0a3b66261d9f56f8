// `softmesh p4 stf PROGRAM.p4 TEST.stf`: compiles a v1model program with the
// project's front-end, loads it into the embedded switch and runs one STF file
// against it (p4c's STF syntax, see src/sim/stf). Prints every failure with
// the expected and received packet, then "N passed, M failed"; exits 1 when
// anything failed, the program did not compile or the switch refused it.

import type { Command } from 'commander';
import { Diagnostics, formatDiagnostic } from '../p4c/diagnostics.js';
import { compileFile } from '../p4c/index.js';
import { emitP4Info } from '../p4c/p4info/index.js';
import { createSwitchStfTarget } from '../sim/stf/switch-target.js';
import { runStfFile } from '../sim/stf/file.js';
import { CliError } from './errors.js';

interface StfFlags {
  cpuPort: string;
  include: string[];
  define: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function defines(list: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of list) {
    const equals = item.indexOf('=');
    if (equals === 0) throw new CliError(`bad -D option '${item}': expected NAME or NAME=VALUE`);
    if (equals < 0) result[item] = '1';
    else result[item.slice(0, equals)] = item.slice(equals + 1);
  }
  return result;
}

function cpuPortOf(text: string): number {
  // v1model ports are 9 bits wide.
  if (!/^\d+$/.test(text) || Number(text) > 511) throw new CliError(`bad --cpu-port '${text}': expected a port number 0-511`);
  return Number(text);
}

/** Adds `stf` to the `softmesh p4` command. */
export function registerStfCommand(p4Command: Command): void {
  p4Command
    .command('stf')
    .description('run an STF test file (p4c simple test framework) against a program on the embedded switch')
    .argument('<program>', 'P4_16 v1model program')
    .argument('<test>', 'STF file')
    .option('--cpu-port <port>', 'CPU port of the switch; STF files treat every other port as ordinary', '510')
    .option('-I, --include <dir>', 'add a directory to the #include search path', collect, [])
    .option('-D, --define <name[=value]>', 'define a preprocessor macro', collect, [])
    .action(async (program: string, test: string, flags: StfFlags) => {
      process.exitCode = await runStfCommand(program, test, flags);
    });
}

async function runStfCommand(program: string, test: string, flags: StfFlags): Promise<number> {
  const cpuPort = cpuPortOf(flags.cpuPort);
  const compiled = compileFile(program, { includePaths: flags.include, defines: defines(flags.define) });
  for (const diagnostic of compiled.diagnostics) process.stderr.write(formatDiagnostic(diagnostic) + '\n');
  if (!compiled.ir) return 1;
  const diagnostics = new Diagnostics();
  const p4info = emitP4Info(compiled.ir, diagnostics);
  for (const diagnostic of diagnostics.items) process.stderr.write(formatDiagnostic(diagnostic) + '\n');
  if (diagnostics.hasErrors()) return 1;
  const created = createSwitchStfTarget(compiled.ir, p4info as Record<string, unknown>, { cpuPort });
  if (!created.ok) throw new CliError(`the embedded switch cannot run ${program}: ${created.error}`);
  const report = await runStfFile(test, created.target);
  process.stdout.write(`${test}\n${report.text}\n`);
  return report.failed > 0 ? 1 : 0;
}
