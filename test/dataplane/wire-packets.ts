// The packets the STF vectors expect on the wire, as the embedded switch
// produced them: every `expect PORT DATA` line of every test/stf file paired
// with the packet it matched (the runner pairs expectations and received
// packets per port, in order), so `*` nibbles hold the switch's bytes.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import { compileFile } from '../../src/p4c/index.js';
import { emitP4Info } from '../../src/p4c/p4info/index.js';
import { parseStf } from '../../src/sim/stf/parser.js';
import { runStf } from '../../src/sim/stf/runner.js';
import { createSwitchStfTarget } from '../../src/sim/stf/switch-target.js';

export const vectorDirectory = fileURLToPath(new URL('../stf/', import.meta.url));
export const softmeshProgram = fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url));

export interface WirePacket {
  file: string;
  /** Line of the `expect` statement. */
  line: number;
  /** 1-based position of the expectation among the file's `expect` lines with data. */
  ordinal: number;
  port: number;
  bytes: Uint8Array;
  /** The `# ...` comment lines right above the expect line, for messages. */
  comment: string;
}

export interface WireCollection {
  packets: WirePacket[];
  /** Bytes of the packet_in controller header the program prepends to packets for the CPU (P4Info bit widths). */
  packetInBytes: number;
  /** Vectors whose run failed, with the runner's report: their packets are left out. */
  failedFiles: { file: string; report: string }[];
}

export function vectorFiles(): string[] {
  return readdirSync(vectorDirectory).filter((name) => name.endsWith('.stf')).sort();
}

/** Runs every vector on a fresh embedded switch (CPU port 510, so 255 is ordinary) and pairs expectations with packets. */
export async function collectWirePackets(): Promise<WireCollection> {
  const compiled = compileFile(softmeshProgram);
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  const p4info = emitP4Info(compiled.ir, new Diagnostics()) as Record<string, unknown>;
  const packets: WirePacket[] = [];
  const packetInBytes = controllerHeaderBytes(p4info, 'packet_in');
  const failedFiles: WireCollection['failedFiles'] = [];
  for (const file of vectorFiles()) {
    const text = readFileSync(vectorDirectory + file, 'utf8');
    const created = createSwitchStfTarget(compiled.ir, p4info);
    if (!created.ok) throw new Error(created.error);
    const report = await runStf(text, created.target);
    if (report.failed > 0) {
      failedFiles.push({ file, report: report.text });
      continue;
    }
    const lines = text.split('\n');
    const seenOnPort = new Map<number, number>();
    let ordinal = 0;
    for (const statement of parseStf(text).statements) {
      if (statement.kind !== 'expect' || statement.pattern === undefined) continue;
      ordinal++;
      const index = seenOnPort.get(statement.port) ?? 0;
      seenOnPort.set(statement.port, index + 1);
      const bytes = report.received.get(statement.port)?.[index];
      if (!bytes) throw new Error(`${file}:${statement.line}: passed but no packet received`);
      packets.push({ file, line: statement.line, ordinal, port: statement.port, bytes, comment: commentAbove(lines, statement.line) });
    }
  }
  return { packets, packetInBytes, failedFiles };
}

function commentAbove(lines: string[], line: number): string {
  const comments: string[] = [];
  for (let index = line - 2; index >= 0 && lines[index].startsWith('#'); index--) comments.unshift(lines[index].replace(/^#\s*/, ''));
  return comments.join(' ');
}

function controllerHeaderBytes(p4info: Record<string, unknown>, name: string): number {
  const headers = (p4info.controller_packet_metadata ?? []) as { preamble: { name: string }; metadata?: { bitwidth: number }[] }[];
  const header = headers.find((candidate) => candidate.preamble.name === name);
  if (!header) throw new Error(`the program has no ${name} controller header`);
  const bits = (header.metadata ?? []).reduce((sum, field) => sum + field.bitwidth, 0);
  return Math.ceil(bits / 8);
}
