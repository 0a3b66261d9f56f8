// A running embedded switch: numbered ports (UDP, pcap, in-process links or
// test captures) feeding SimTarget, and the P4Runtime server in front of it.
// This is what `softmesh sim` and `softmesh start` run; the agent and tests
// reach it only through P4Runtime (DESIGN.md "One southbound protocol"),
// apart from the ports, which stand for the wires.

import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fail, ok, type Result } from '../packet/bytes.js';
import { Diagnostics, formatDiagnostic } from '../p4c/diagnostics.js';
import { compileSources, defaultIncludePaths } from '../p4c/index.js';
import { emitP4Info } from '../p4c/p4info/index.js';
import { decodeP4Info, encodeP4Info } from '../p4rt/proto.js';
import { encodeDeviceConfig } from '../p4rt/server/device-config.js';
import { preparePipeline } from '../p4rt/server/pipeline.js';
import { defaultAddress, startP4RuntimeServer, type RunningServer } from '../p4rt/server/server.js';
import { Code } from '../p4rt/server/status.js';
import type { TraceEvent } from './interpreter/context.js';
import { attachAll, LinkRegistry, PortSet, type PortSpec } from './ports/index.js';
import { SimTarget } from './target.js';

/** softmesh.p4's SOFTMESH_CPU_PORT (simple_switch_grpc users pass --cpu-port 255 for the same program). */
export const defaultCpuPort = 255;

export interface SimProcessOptions {
  /** host:port of the P4Runtime server; port 0 = ephemeral. Default 127.0.0.1:9559. */
  grpcAddress?: string;
  deviceId?: bigint;
  cpuPort?: number;
  ports?: PortSpec[];
  /** Links for `N=link:NAME` ports, shared with other switches in the same process. */
  links?: LinkRegistry;
  /** Preload this program (and its P4Info) as if a controller had committed it. */
  programFile?: string;
  defines?: Record<string, string>;
  /** Log one trace line per event of every packet. */
  trace?: boolean;
  /** Where status lines (listening address, ports, traces) go. */
  log?: (line: string) => void;
  clock?: () => bigint;
}

export interface SimProcess {
  target: SimTarget;
  ports: PortSet;
  server: RunningServer;
  /** The address the server listens on, with the real port. */
  address: string;
  close(): Promise<void>;
}

/** A P4 program as the files a device config carries: `main` and every file it includes with "...". */
export interface ProgramSources {
  main: string;
  files: Record<string, string>;
}

const quotedInclude = /^[ \t]*#[ \t]*include[ \t]+"([^"]+)"/gm;

/**
 * Reads `file` and, transitively, the files it includes with `#include "..."`,
 * keyed by their path relative to the main file's directory (so `../include/x.p4`
 * resolves inside the device config as it does on disk). `<...>` includes are
 * left to the target's architecture search path. Unreadable includes are left
 * out: the target's preprocessor reports them if they are really needed.
 */
export function readProgramSources(file: string): Result<ProgramSources> {
  const root = dirname(resolve(file));
  const files: Record<string, string> = {};
  const pending = [resolve(file)];
  while (pending.length > 0) {
    const path = pending.pop()!;
    const key = relative(root, path);
    if (key in files) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (path === resolve(file)) return fail(`cannot read ${file}: ${(error as Error).message}`);
      continue;
    }
    files[key] = text;
    for (const match of text.matchAll(quotedInclude)) pending.push(resolve(dirname(path), match[1]));
  }
  return ok({ main: relative(root, resolve(file)), files });
}

/** The device config bytes and P4Info (as P4Runtime delivers it) of a program on disk. */
export function pipelineFromFile(file: string, defines: Record<string, string> = {}): Result<{ p4info: Record<string, unknown>; deviceConfig: Uint8Array; sources: ProgramSources }> {
  const sources = readProgramSources(file);
  if (!sources.ok) return sources;
  const compiled = compileSources(sources.value.files, sources.value.main, { defines });
  if (!compiled.ir) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    return fail(`${file} does not compile:\n${errors.join('\n')}`);
  }
  const diagnostics = new Diagnostics();
  const info = emitP4Info(compiled.ir, diagnostics);
  if (diagnostics.hasErrors()) return fail(diagnostics.items.map(formatDiagnostic).join('\n'));
  // Round-trip through the wire form so the object is exactly what a SetForwardingPipelineConfig decodes to.
  const decoded = decodeP4Info(encodeP4Info(info));
  if (!decoded.ok) return fail(`internal P4Info encoding: ${decoded.error}`);
  const deviceConfig = encodeDeviceConfig(sources.value.main, sources.value.files, defines);
  return ok({ p4info: decoded.value as Record<string, unknown>, deviceConfig, sources: sources.value });
}

export function formatTrace(port: number, trace: readonly TraceEvent[]): string[] {
  return trace.map((event) => {
    switch (event.kind) {
      case 'parserState': return `trace port ${port}: parser ${event.parser} state ${event.state}`;
      case 'parserError': return `trace port ${port}: parser error ${event.error}`;
      case 'table': return `trace port ${port}: table ${event.table} ${event.hit ? 'hit' : 'miss'} -> ${event.action}`;
      case 'action': return `trace port ${port}: action ${event.action}`;
      case 'drop': return `trace port ${port}: drop (${event.reason})`;
      case 'log': return `trace port ${port}: log ${event.message}`;
      case 'stage': return `trace port ${port}: ${event.stage}`;
    }
  });
}

/** Opens the ports, starts the server and (optionally) loads a program. Failures close what was opened. */
export async function startSimProcess(options: SimProcessOptions = {}): Promise<Result<SimProcess>> {
  const log = options.log ?? (() => undefined);
  const ports = new PortSet();
  const target = new SimTarget({
    cpuPort: options.cpuPort ?? defaultCpuPort,
    clock: options.clock,
    trace: options.trace,
    transmit: (packet) => ports.transmit(packet.port, packet.bytes),
    onTrace: options.trace ? (port, trace) => formatTrace(port, trace).forEach(log) : undefined,
  });
  const attached = await attachAll(ports, options.ports ?? [], { links: options.links ?? new LinkRegistry() });
  if (!attached.ok) return attached;
  ports.onIngress((port, frame) => {
    // Nothing out, not even to the CPU: the pipeline dropped it (per-port discards, as IF-MIB counts them).
    if (target.switch && target.receive(port, frame).length === 0) ports.recordDrop(port);
  });

  let server: RunningServer;
  try {
    server = await startP4RuntimeServer({ target, address: options.grpcAddress ?? defaultAddress, deviceId: options.deviceId });
  } catch (error) {
    await ports.closeAll();
    return fail(`P4Runtime server: cannot listen on ${options.grpcAddress ?? defaultAddress}: ${(error as Error).message}`);
  }
  const close = async () => {
    await server.stop();
    await ports.closeAll();
  };

  if (options.programFile) {
    const loaded = preload(server, target, options.programFile, options.defines ?? {});
    if (!loaded.ok) {
      await close();
      return loaded;
    }
    log(`pipeline: ${options.programFile} loaded`);
  } else {
    log('pipeline: none, waiting for SetForwardingPipelineConfig');
  }
  const host = (options.grpcAddress ?? defaultAddress).replace(/:\d+$/, '');
  const address = `${host}:${server.port}`;
  log(`p4runtime: listening on ${address} (device ${options.deviceId ?? 1n}, cpu port ${options.cpuPort ?? defaultCpuPort})`);
  for (const port of ports.ports()) log(`port ${port}: ${ports.attachment(port)!.description}`);
  return ok({ target, ports, server, address, close });
}

/** Commits the program as a controller's VERIFY_AND_COMMIT would, so reads and GetForwardingPipelineConfig see it. */
function preload(server: RunningServer, target: SimTarget, file: string, defines: Record<string, string>): Result<void> {
  const pipeline = pipelineFromFile(file, defines);
  if (!pipeline.ok) return pipeline;
  const { p4info, deviceConfig } = pipeline.value;
  const prepared = preparePipeline(p4info, encodeP4Info(p4info as never), deviceConfig, undefined);
  if (!prepared.ok) return fail(prepared.status.message);
  const committed = target.commitPipeline(prepared.value);
  if (committed.code !== Code.OK) return fail(committed.message);
  server.service.pipeline = prepared.value;
  return ok(undefined);
}

/** The project's p4/ directory (found beside package.json, as the front-end finds p4/arch). */
export function projectP4Directory(): string | undefined {
  const archDirectory = defaultIncludePaths()[0];
  return archDirectory === undefined ? undefined : join(archDirectory, '..');
}
