// `softmesh sim`: the embedded switch as a P4Runtime device, for a controller
// (the agent, p4runtime-shell, tests) on one side and UDP/pcap ports on the
// other. Runs until SIGINT/SIGTERM, then closes the server and the ports.

import type { Command } from 'commander';
import { parsePortSpecs } from '../sim/ports/index.js';
import { defaultCpuPort, startSimProcess, type SimProcess } from '../sim/process.js';
import { defaultAddress } from '../p4rt/server/server.js';
import { CliError } from './errors.js';
import { untilSignal } from './signals.js';

export interface SimFlags {
  program?: string;
  grpc: string;
  deviceId: string;
  cpuPort: string;
  port: string[];
  define: string[];
  trace?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function integer(text: string, what: string, maximum: number): number {
  if (!/^\d+$/.test(text) || Number(text) > maximum) throw new CliError(`${what} must be an integer 0..${maximum}, got '${text}'`);
  return Number(text);
}

function defines(list: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq === 0) throw new CliError(`bad -D option '${item}': expected NAME or NAME=VALUE`);
    if (eq < 0) result[item] = '1';
    else result[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return result;
}

/** Starts the switch from parsed flags; user errors are CliErrors. */
export async function startSimFromFlags(flags: SimFlags, log: (line: string) => void): Promise<SimProcess> {
  const ports = parsePortSpecs(flags.port);
  if (!ports.ok) throw new CliError(ports.error.join('; '));
  if (!/^\d+$/.test(flags.deviceId)) throw new CliError(`--device-id must be a non-negative integer, got '${flags.deviceId}'`);
  const started = await startSimProcess({
    grpcAddress: flags.grpc,
    deviceId: BigInt(flags.deviceId),
    cpuPort: integer(flags.cpuPort, '--cpu-port', 511),
    ports: ports.value,
    programFile: flags.program,
    defines: defines(flags.define),
    trace: flags.trace ?? false,
    log,
  });
  if (!started.ok) throw new CliError(started.error);
  return started.value;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run the embedded switch as a P4Runtime device until Ctrl-C')
    .option('--program <file>', 'preload this P4 program (otherwise wait for SetForwardingPipelineConfig)')
    .option('--grpc <address>', 'P4Runtime listen address', defaultAddress)
    .option('--device-id <n>', 'P4Runtime device id', '1')
    .option('--cpu-port <n>', 'port whose packets become PacketIns', String(defaultCpuPort))
    .option('--port <spec>', 'attach a port: N=udp:LOCAL>REMOTE, N=pcap:DIR or N=link:NAME (repeatable)', collect, [])
    .option('-D, --define <name[=value]>', 'preprocessor macro for --program', collect, [])
    .option('--trace', 'print a trace of every packet')
    .action(async (flags: SimFlags) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const running = await startSimFromFlags(flags, log);
      const signal = await untilSignal();
      log(`${signal}: stopping`);
      await running.close();
    });
}
