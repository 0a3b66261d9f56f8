import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../../../src/packet/bytes.js';
import { framesToPackets, readPcap, writePcap } from '../../../src/packet/pcap.js';
import {
  attachAll,
  connectProcessor,
  createLink,
  LinkRegistry,
  linksSettled,
  openPcapAttachment,
  parsePortSpecs,
  pcapInputPath,
  pcapOutputPath,
  PortSet,
  type PortAttachment,
} from '../../../src/sim/ports/index.js';

const frame = (last: number) => hexBytes('0200000000020200000000010800' + last.toString(16).padStart(2, '0'));

/** An attachment driven by the test. */
class Probe implements PortAttachment {
  readonly description = 'probe';
  dropped = 0;
  sent: Uint8Array[] = [];
  receiver?: (frame: Uint8Array) => void;
  send(frame: Uint8Array): void {
    this.sent.push(frame);
  }
  onReceive(callback: (frame: Uint8Array) => void): void {
    this.receiver = callback;
  }
  async close(): Promise<void> {}
}

const directories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'softmesh-ports-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

describe('PortSet', () => {
  it('counts rx, tx and drops per port', () => {
    const ports = new PortSet();
    const probe = new Probe();
    expect(ports.attach(1, probe).ok).toBe(true);
    expect(probe.receiver).toBeUndefined(); // nobody asks for frames before the engine is there
    const received: [number, string][] = [];
    ports.onIngress((port, bytes) => received.push([port, toHex(bytes)]));
    probe.receiver!(frame(2));
    expect(received).toEqual([[1, toHex(frame(2))]]);
    expect(ports.transmit(1, frame(3))).toBe(true);
    expect(ports.transmit(2, frame(4))).toBe(false);
    expect(ports.counters(1)).toEqual({ rxPackets: 1, rxBytes: 15, txPackets: 1, txBytes: 15, drops: 0 });
    expect(ports.counters(2).drops).toBe(1);
    ports.recordDrop(1);
    expect(ports.counters(1).drops).toBe(1);
    expect(probe.sent.map((bytes) => toHex(bytes))).toEqual([toHex(frame(3))]);
  });

  it('refuses a second attachment and out-of-range ports', async () => {
    const ports = new PortSet();
    expect(ports.attach(1, new Probe()).ok).toBe(true);
    expect(ports.attach(1, new Probe()).ok).toBe(false);
    expect(ports.attach(512, new Probe()).ok).toBe(false);
    expect(ports.attach(-1, new Probe()).ok).toBe(false);
    await ports.detach(1);
    expect(ports.ports()).toEqual([]);
    expect(ports.attach(1, new Probe()).ok).toBe(true);
  });
});

describe('in-memory links', () => {
  it('delivers asynchronously, in order, copying the frame', async () => {
    const [left, right] = createLink('test');
    const got: string[] = [];
    right.onReceive((bytes) => got.push(toHex(bytes)));
    const buffer = frame(1);
    left.send(buffer);
    left.send(frame(2));
    buffer[14] = 0xff; // the sender reusing its buffer must not change what was sent
    expect(got).toEqual([]); // not synchronous
    expect(await linksSettled()).toBe(true);
    expect(got).toEqual([toHex(frame(1)), toHex(frame(2))]);
  });

  it('stops a forwarding loop between two switches with the hop limit', async () => {
    // Two "switches" that send every frame back out of the port it came in on.
    const [a, b] = createLink('loop', { maximumHops: 20 });
    let bounces = 0;
    for (const end of [a, b]) {
      end.onReceive((bytes) => {
        bounces++;
        end.send(bytes);
      });
    }
    a.send(frame(1));
    expect(await linksSettled(1000)).toBe(true);
    expect(bounces).toBe(20); // the first send is hop 1; hop 21 is refused
    expect(a.loopDrops + b.loopDrops).toBe(1);
  });

  it('a cut link drops both ways, including frames in flight, until restored', async () => {
    const [left, right] = createLink('cut');
    const got: string[] = [];
    right.onReceive((bytes) => got.push(toHex(bytes)));
    left.onReceive((bytes) => got.push(toHex(bytes)));
    left.send(frame(1));
    right.setCarrier(false);
    right.send(frame(2));
    await linksSettled();
    expect(got).toEqual([]);
    expect([left.carrier, left.dropped + right.dropped]).toEqual([false, 2]);
    left.setCarrier(true);
    left.send(frame(3));
    await linksSettled();
    expect(got).toEqual([toHex(frame(3))]);
  });

  it('the registry gives out two ends per name and reports dangling links', () => {
    const registry = new LinkRegistry();
    const first = registry.endpoint('core');
    const second = registry.endpoint('core');
    expect(first.ok && second.ok && first.value.peer === second.value).toBe(true);
    expect(registry.endpoint('core').ok).toBe(false);
    registry.endpoint('edge');
    expect(registry.danglingLinks()).toEqual(['edge']);
  });

  it('a two-router lab: processors driven by PortSets, wired by a link', async () => {
    // Router A sends everything from port 1 out of port 2; router B sends everything from port 2 out of port 1.
    const [routerA, routerB] = [new PortSet(), new PortSet()];
    connectProcessor(routerA, (port, frame) => (port === 1 ? [{ port: 2, bytes: frame }] : []));
    connectProcessor(routerB, (port, frame) => (port === 2 ? [{ port: 1, bytes: frame }] : []));
    const [aSide, bSide] = createLink('a-b');
    routerA.attach(2, aSide);
    routerB.attach(2, bSide);
    const host = new Probe();
    const exit = new Probe();
    routerA.attach(1, host);
    routerB.attach(1, exit);
    host.receiver!(frame(5));
    await linksSettled();
    expect(exit.sent.map((bytes) => toHex(bytes))).toEqual([toHex(frame(5))]);
    expect([routerA.counters(2).txPackets, routerB.counters(2).rxPackets, routerB.counters(1).txPackets]).toEqual([1, 1, 1]);
  });

  it('attachAll rolls back when one attachment fails', async () => {
    const registry = new LinkRegistry();
    const ports = new PortSet();
    const specs = parsePortSpecs(['1=link:x', '2=link:x', '3=link:x']);
    expect(specs.ok).toBe(true);
    if (!specs.ok) return;
    const result = await attachAll(ports, specs.value, { links: registry });
    expect(!result.ok && result.error).toBe('port 3: link "x" already connects two ports');
    expect(ports.ports()).toEqual([]);
    expect(parsePortSpecs(['1=link:a', '1=link:b', 'bad'])).toEqual({ ok: false, error: ['port 1 is attached twice', expect.stringContaining('invalid port attachment "bad"')] });
  });

  it('connects two PortSets through attachAll and link specs', async () => {
    const registry = new LinkRegistry();
    const [west, east] = [new PortSet(), new PortSet()];
    const specs = parsePortSpecs(['3=link:wire']);
    const specsEast = parsePortSpecs(['7=link:wire']);
    expect(specs.ok && specsEast.ok).toBe(true);
    if (!specs.ok || !specsEast.ok) return;
    expect((await attachAll(west, specs.value, { links: registry })).ok).toBe(true);
    expect((await attachAll(east, specsEast.value, { links: registry })).ok).toBe(true);
    const got: number[] = [];
    east.onIngress((port) => got.push(port));
    west.transmit(3, frame(9));
    await linksSettled();
    expect(got).toEqual([7]);
    expect(east.counters(7).rxPackets).toBe(1);
  });
});

describe('pcap attachment', () => {
  it('replay waits for the engine: a pcap attached before onIngress loses no frame', async () => {
    const directory = await temporaryDirectory();
    await writeFile(pcapInputPath(directory, 1), writePcap(framesToPackets([frame(1)])));
    const opened = await openPcapAttachment(directory, 1);
    if (!opened.ok) throw new Error(opened.error);
    const ports = new PortSet();
    ports.attach(1, opened.value);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const got: string[] = [];
    ports.onIngress((_, bytes) => got.push(toHex(bytes)));
    expect(await opened.value.replayDone).toBe(1);
    expect(got).toEqual([toHex(frame(1))]);
    await ports.closeAll();
  });

  it('writes port-N-out.pcap and replays port-N-in.pcap', async () => {
    const directory = await temporaryDirectory();
    await writeFile(pcapInputPath(directory, 2), writePcap(framesToPackets([frame(1), frame(2)])));
    const opened = await openPcapAttachment(directory, 2, { clockNs: () => 42_000n });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const ports = new PortSet();
    const got: string[] = [];
    ports.onIngress((port, bytes) => {
      got.push(toHex(bytes));
      ports.transmit(port, bytes); // echo back out
    });
    ports.attach(2, opened.value);
    expect(await opened.value.replayDone).toBe(2);
    await ports.closeAll();
    expect(got).toEqual([toHex(frame(1)), toHex(frame(2))]);
    const written = readPcap(await readFile(pcapOutputPath(directory, 2)));
    expect(written.ok && written.value.packets.map((packet) => toHex(packet.data))).toEqual(got);
    expect(written.ok && written.value.packets[0].timestampNs).toBe(42_000n);
  });

  it('paced replay honours the capture gaps', async () => {
    const directory = await temporaryDirectory();
    await writeFile(pcapInputPath(directory, 6), writePcap(framesToPackets([frame(1), frame(2)], 0n, 40_000_000n)));
    const opened = await openPcapAttachment(directory, 6, { paced: true });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const times: number[] = [];
    opened.value.onReceive(() => times.push(performance.now()));
    expect(await opened.value.replayDone).toBe(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(35);
    await opened.value.close();
  });

  it('strips the FCS of captures that have one', async () => {
    const directory = await temporaryDirectory();
    const withFcs = Uint8Array.from([...frame(1), 0xde, 0xad, 0xbe, 0xef]);
    await writeFile(pcapInputPath(directory, 3), writePcap(framesToPackets([withFcs]), { linkType: 0x24000001 }));
    const opened = await openPcapAttachment(directory, 3);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const got: string[] = [];
    opened.value.onReceive((bytes) => got.push(toHex(bytes)));
    expect(await opened.value.replayDone).toBe(1);
    expect(got).toEqual([toHex(frame(1))]);
    await opened.value.close();
  });

  it('refuses captures that are not Ethernet', async () => {
    const directory = await temporaryDirectory();
    await writeFile(pcapInputPath(directory, 4), writePcap(framesToPackets([frame(1)]), { linkType: 101 }));
    const opened = await openPcapAttachment(directory, 4);
    expect(!opened.ok && opened.error).toContain('link type 101 is not Ethernet');
  });

  it('a malformed input pcap is an error value, not an exception', async () => {
    const directory = await temporaryDirectory();
    await writeFile(pcapInputPath(directory, 1), hexBytes('d4c3b2a1020004000000'));
    const opened = await openPcapAttachment(directory, 1);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error).toContain('too short');
  });

  it('without an input file the replay is empty', async () => {
    const opened = await openPcapAttachment(join(await temporaryDirectory(), 'created'), 5);
    expect(opened.ok && (await opened.value.replayDone)).toBe(0);
    if (opened.ok) await opened.value.close();
  });
});
