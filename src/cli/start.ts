// `softmesh start` (also `npm start`): the data-plane demo — the embedded
// switch running p4/v1model/softmesh.p4, programmed over P4Runtime by a client
// in the same process; prints what each packet became and the counters read
// back, then exits (or keeps serving P4Runtime with --serve).

import type { Command } from 'commander';
import { runDemo } from '../demo/run.js';
import { untilSignal } from './signals.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the data-plane demo: softmesh.p4 on the embedded switch, programmed over P4Runtime')
    .option('--grpc <address>', 'P4Runtime listen address (default 127.0.0.1, ephemeral port)')
    .option('--serve', 'keep serving P4Runtime after the demo until Ctrl-C')
    .option('--program <file>', 'P4 program to load instead of p4/v1model/softmesh.p4')
    .action(async (flags: { grpc?: string; serve?: boolean; program?: string }) => {
      const code = await runDemo({
        grpcAddress: flags.grpc,
        serve: flags.serve ?? false,
        stopped: untilSignal,
        programFile: flags.program,
        write: (line) => process.stdout.write(`${line}\n`),
      });
      if (code !== 0) process.exitCode = code;
    });
}
