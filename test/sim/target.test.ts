// SimTarget without gRPC: the P4Info/program agreement check, PacketIn and
// PacketOut metadata by P4Info id (not by header position), tracing, and the
// device-config helpers of src/sim/process.ts.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { P4InfoObject } from '../../src/p4c/p4info/types.js';
import { buildP4InfoIndex } from '../../src/p4rt/p4info-index.js';
import { parseDeviceConfig } from '../../src/p4rt/server/device-config.js';
import type { PipelineConfig } from '../../src/p4rt/target.js';
import { formatTrace, pipelineFromFile, readProgramSources } from '../../src/sim/process.js';
import { p4infoMismatches, SimTarget } from '../../src/sim/target.js';

const programFile = fileURLToPath(new URL('./target-program/all-entities.p4', import.meta.url));
const softmeshFile = fileURLToPath(new URL('../../p4/v1model/softmesh.p4', import.meta.url));

function loadPipeline(mutate: (p4info: any) => void = () => undefined): PipelineConfig {
  const loaded = pipelineFromFile(programFile);
  if (!loaded.ok) throw new Error(loaded.error);
  const p4info = structuredClone(loaded.value.p4info);
  mutate(p4info);
  const index = buildP4InfoIndex(p4info);
  const deviceConfig = parseDeviceConfig(loaded.value.deviceConfig);
  if (!index.ok || !deviceConfig.ok) throw new Error('fixture');
  return { p4info, index: index.index, deviceConfig: deviceConfig.config };
}

describe('p4infoMismatches', () => {
  const program: P4InfoObject = {
    tables: [{ preamble: { id: 1, name: 'c.t' }, match_fields: [{ id: 1, name: 'h.a', bitwidth: 8, match_type: 'EXACT' }] }],
    actions: [{ preamble: { id: 2, name: 'c.a' }, params: [{ id: 1, name: 'port', bitwidth: 9 }] }],
    counters: [{ preamble: { id: 3, name: 'c.n' }, size: '16' }],
  } as P4InfoObject;

  it('accepts the same objects under other ids, and a P4Info that leaves objects or parts out', () => {
    const renumbered = structuredClone(program) as any;
    renumbered.tables[0].preamble.id = 99;
    expect(p4infoMismatches(program, renumbered)).toEqual([]);
    expect(p4infoMismatches(program, { tables: [{ preamble: { id: 1, name: 'c.t' } }] } as P4InfoObject)).toEqual([]);
  });

  it('names every object the program lacks and every shape that differs', () => {
    const given = structuredClone(program) as any;
    given.tables[0].match_fields[0].bitwidth = 16;
    given.actions[0].params.push({ id: 2, name: 'extra', bitwidth: 1 });
    given.counters[0].size = '8';
    given.registers = [{ preamble: { id: 4, name: 'c.r' }, size: 4 }];
    expect(p4infoMismatches(program, given)).toEqual([
      'table "c.t": P4Info has [h.a:16:EXACT], the program has [h.a:8:EXACT]',
      'action "c.a": P4Info has [port:9,extra:1], the program has [port:9]',
      'counter "c.n": P4Info has [size=8], the program has [size=16]',
      'register "c.r" is not in the program',
    ]);
  });
});

describe('SimTarget', () => {
  it('does nothing with packets before a pipeline is committed', () => {
    const target = new SimTarget();
    expect(target.receive(1, new Uint8Array(64))).toEqual([]);
    expect(target.transmitPacket(new Uint8Array(64), new Map()).code).toBe(9); // FAILED_PRECONDITION
  });

  it('uses the P4Info ids of controller metadata even when they differ from field positions (§16.1)', () => {
    // Swap the ids of the two packet_in fields and of the two packet_out fields.
    const pipeline = loadPipeline((p4info) => {
      for (const header of p4info.controller_packet_metadata) header.metadata.forEach((field: { id: number }, i: number) => (field.id = 2 - i));
    });
    const transmitted: number[] = [];
    const target = new SimTarget({ cpuPort: 510, transmit: (packet) => transmitted.push(packet.port) });
    expect(target.commitPipeline(pipeline).code).toBe(0);
    const packetIns: Map<number, bigint>[] = [];
    target.subscribe({ packetIn: (_payload, metadata) => packetIns.push(metadata), digest: () => undefined, idleTimeout: () => undefined });
    const lldp = Uint8Array.from([...new Array(12).fill(1), 0x88, 0xcc, 0, 0]);
    target.receive(9, lldp);
    expect(packetIns).toEqual([new Map([[2, 9n], [1, 0n]])]); // ingress_port has id 2 now
    expect(target.transmitPacket(lldp, new Map([[2, 6n], [1, 0n]])).code).toBe(0); // egress_port has id 2
    expect(transmitted).toEqual([6]);
  });

  it('reports a P4Info that names something the program does not have, and keeps no switch', () => {
    const target = new SimTarget();
    const status = target.verifyPipeline(loadPipeline((p4info) => (p4info.tables[0].preamble.name = 'ingress.other')));
    expect(status.code).toBe(3);
    expect(status.message).toContain('table "ingress.other" is not in the program');
    expect(target.switch).toBeUndefined();
  });

  it('hands the trace of every processed packet to onTrace when tracing', () => {
    const traces: string[] = [];
    const target = new SimTarget({ cpuPort: 510, trace: true, onTrace: (port, trace) => traces.push(...formatTrace(port, trace)) });
    expect(target.commitPipeline(loadPipeline()).code).toBe(0);
    target.receive(2, Uint8Array.from([...new Array(12).fill(1), 0x88, 0xb5, 0, 0]));
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((line) => line.startsWith('trace port 2: '))).toBe(true);
    expect(traces.some((line) => line.includes('table ingress.exact_table miss'))).toBe(true);
  });
});

describe('device config from a program on disk', () => {
  it('collects the quoted includes relative to the main file', () => {
    const sources = readProgramSources(softmeshFile);
    if (!sources.ok) throw new Error(sources.error);
    expect(sources.value.main).toBe('softmesh.p4');
    expect(Object.keys(sources.value.files)).toEqual(expect.arrayContaining(['softmesh.p4', '../include/parser.p4', '../include/pipeline.p4', '../include/constants.p4']));
  });

  it('reports an unreadable program as a value', () => {
    const sources = readProgramSources('/nonexistent/main.p4');
    expect(sources.ok).toBe(false);
    expect(pipelineFromFile('/nonexistent/main.p4')).toMatchObject({ ok: false });
  });
});
