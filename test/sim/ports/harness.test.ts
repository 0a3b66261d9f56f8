import { describe, expect, it } from 'vitest';
import { ok } from '../../../src/packet/bytes.js';
import { PortHarness, PortSet } from '../../../src/sim/ports/index.js';
import { runStf, type StfTarget } from '../../../src/sim/stf/index.js';

/**
 * A toy switch on PortSet: forwards by the last byte of the destination MAC,
 * one event-loop task after reception (like an engine that queues work);
 * unknown destinations go out of port 9.
 */
function toySwitch(): { ports: PortSet; table: Map<number, number> } {
  const ports = new PortSet();
  const table = new Map<number, number>();
  ports.onIngress((_, frame) => {
    setImmediate(() => ports.transmit(table.get(frame[5]) ?? 9, frame));
  });
  return { ports, table };
}

function target(ports: PortSet, table: Map<number, number>): StfTarget {
  const harness = new PortHarness(ports);
  const unsupported = () => ({ ok: false as const, error: 'unsupported' });
  return {
    addEntry: (_table, keys, _action, args) => {
      table.set(Number(keys[0].match.kind === 'number' ? keys[0].match.number.value : -1), Number(args[0].value.value));
      return ok(undefined);
    },
    setDefault: unsupported,
    removeEntry: unsupported,
    removeAllEntries: unsupported,
    writeMulticastGroup: unsupported,
    writeCloneSession: unsupported,
    deleteCloneSession: unsupported,
    readCounter: unsupported,
    packetIn: (port, data) => harness.packetIn(port, data),
    collectOutputs: () => harness.collectOutputs(),
    wait: () => harness.wait(),
  };
}

describe('PortHarness: STF data plane over a PortSet switch', () => {
  it('captures outputs of an asynchronous engine, including on ports the test never named', async () => {
    const { ports, table } = toySwitch();
    const report = await runStf(
      `add fwd dst:0x02 out(port:5)
packet 1 000000000002 000000000001 88b5
expect 5 000000000002 000000000001 88b5 $
packet 1 000000000007 000000000001 88b5`,
      target(ports, table),
      // Port 9 is never named: only strict mode reports it (bmv2stf.py would not see it).
      { strictPorts: true },
    );
    expect(report.passed).toBe(1);
    expect(report.failures.map((failure) => failure.message)).toEqual(['unexpected packet #1 on port 9 (expected 0)']);
    expect(ports.counters(1).rxPackets).toBe(2);
    expect(ports.counters(9).txPackets).toBe(1);
  });
});
