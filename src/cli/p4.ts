import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compileFile, type CompileResult } from '../p4c/index.js';
import { formatDiagnostic } from '../p4c/diagnostics.js';
import { Diagnostics } from '../p4c/diagnostics.js';
import { emitP4Info, formatP4Info } from '../p4c/p4info/index.js';
import { CliError } from './errors.js';
import { registerStfCommand } from './stf.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseDefines(list: string[]): Record<string, string> {
  const defines: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq === 0) throw new CliError(`bad -D option '${item}': expected NAME or NAME=VALUE`);
    if (eq < 0) defines[item] = '1';
    else defines[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return defines;
}

interface CompileFlags {
  include: string[];
  define: string[];
}

function compileWithFlags(file: string, flags: CompileFlags): CompileResult {
  const result = compileFile(file, { includePaths: flags.include, defines: parseDefines(flags.define) });
  for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  return result;
}

export function registerP4Commands(program: Command): void {
  const p4 = program.command('p4').description('P4_16 front-end: check programs, emit P4Info, run STF tests');

  p4.command('check')
    .description('parse and type-check a P4_16 program; prints diagnostics, exits 1 on error')
    .argument('<file>', 'P4_16 source file')
    .option('-I, --include <dir>', 'add a directory to the #include search path', collect, [])
    .option('-D, --define <name[=value]>', 'define a preprocessor macro', collect, [])
    .action((file: string, flags: CompileFlags) => {
      const result = compileWithFlags(file, flags);
      if (!result.ir) process.exitCode = 1;
    });

  p4.command('info')
    .description('emit the P4Info (p4.config.v1.P4Info) of a P4_16 program')
    .argument('<file>', 'P4_16 source file')
    .option('-f, --format <format>', 'text | json | binary', 'text')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('-I, --include <dir>', 'add a directory to the #include search path', collect, [])
    .option('-D, --define <name[=value]>', 'define a preprocessor macro', collect, [])
    .action((file: string, flags: CompileFlags & { format: string; output?: string }) => {
      if (!['text', 'json', 'binary'].includes(flags.format)) {
        throw new CliError(`unknown format '${flags.format}': expected text, json or binary`);
      }
      const format = flags.format as 'text' | 'json' | 'binary';
      if (format === 'binary' && !flags.output && process.stdout.isTTY) {
        throw new CliError('refusing to write binary P4Info to a terminal: use -o FILE');
      }
      const result = compileWithFlags(file, flags);
      if (!result.ir) {
        process.exitCode = 1;
        return;
      }
      const diagnostics = new Diagnostics();
      const info = emitP4Info(result.ir, diagnostics);
      for (const d of diagnostics.items) process.stderr.write(formatDiagnostic(d) + '\n');
      if (diagnostics.hasErrors()) {
        process.exitCode = 1;
        return;
      }
      const output = formatP4Info(info, format);
      if (flags.output) writeFileSync(flags.output, output);
      else process.stdout.write(output);
    });

  registerStfCommand(p4);
}
