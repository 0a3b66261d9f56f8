// Bounded fuzzing of the STF parser (and the runner on what parses): mutated
// STF text must give statements and error values, never exceptions. Crashers
// are saved under test/fuzz/stf-crashers/parser/ and replayed on every run.

import { describe, expect, it } from 'vitest';
import { parseStf, runStf } from '../../src/sim/stf/index.js';
import { FakeTarget } from '../sim/stf/fake-target.js';
import { fuzz, loadCrashers, mutate, Random, saveCrasher } from './pcap-mutate.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const seeds = [
  `add forward hdr.ethernet.dstAddr:0x000000000002 set_port(port:2) = B
add acl 3 hdr.ipv4.dstAddr:0x0a0000** hdr.ipv4.$valid$:1 drop()
add ipv4_lpm dstAddr:0x0a000000/8 set_port(port:0x1)
add lpm meta.ports$0:1->5 NoAction()
setdefault forward drop()
packet 1 000000000002 000000000001 88b5 0102
expect 2 000000000002 ****00000001 88b5 $
no_packet
check_counter port_counter(1) packets == 1
check_counter forward_counter($B) bytes >= 0x10
wait`,
  `mc_mgrp_create 1
mc_node_create 0 1 2
mc_node_associate 1 0
mirroring_add 1 3
mirroring_add_mc 2 1
remove all
remove forward dstAddr:0x2
expect 3
register_write r 0 1 # comment`,
].map((text) => encoder.encode(text));

function parseChecked(bytes: Uint8Array): void {
  const file = parseStf(decoder.decode(bytes));
  for (const error of file.errors) if (!(error.line >= 1) || error.message === '') throw new Error('bad error value');
}

describe('fuzz: STF parser', () => {
  it('saved crashers still parse without exceptions', () => {
    for (const crasher of loadCrashers('stf-crashers/parser')) expect(() => parseChecked(crasher.bytes), crasher.name).not.toThrow();
  });

  it('mutated STF text never throws (bounded: 3000 inputs or 2 s)', () => {
    const run = fuzz('stf-crashers/parser', seeds, parseChecked, { seed: 0x57f, count: 3000, budgetMs: 2000 });
    expect(run.crashers).toEqual([]);
    expect(run.tried).toBeGreaterThan(100);
  });

  it('the runner turns whatever parses into a report, never an exception (bounded: 300 inputs)', async () => {
    const random = new Random(0xbeef);
    const start = Date.now();
    for (let tried = 0; tried < 300 && Date.now() - start < 2000; tried++) {
      const input = mutate(random.pick(seeds), random);
      try {
        const report = await runStf(decoder.decode(input), new FakeTarget());
        expect(report.text.split('\n').at(-1)).toMatch(/^\d+ passed, \d+ failed$/);
      } catch (error) {
        throw new Error(`runner crashed, input saved as ${saveCrasher('stf-crashers/parser', input)}: ${(error as Error).message}`);
      }
    }
  });
});
