import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { hexBytes, toHex } from '../../../src/packet/bytes.js';
import { openUdpAttachment, parsePortSpec, parseUdpEndpoint, PortSet, type UdpAttachment } from '../../../src/sim/ports/index.js';

const frame = (last: number) => hexBytes('0200000000020200000000010800' + last.toString(16).padStart(2, '0'));

function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const start = Date.now();
  return new Promise((resolve) => {
    const poll = () => {
      if (condition()) return resolve(true);
      if (Date.now() - start > timeoutMs) return resolve(false);
      setTimeout(poll, 5);
    };
    poll();
  });
}

async function pair(): Promise<[UdpAttachment, UdpAttachment]> {
  const first = await openUdpAttachment({ address: '127.0.0.1', port: 0 }, { address: '127.0.0.1', port: 9 });
  if (!first.ok) throw new Error(first.error);
  const second = await openUdpAttachment({ address: '127.0.0.1', port: 0 }, first.value.local);
  if (!second.ok) throw new Error(second.error);
  first.value.setRemote(second.value.local);
  return [first.value, second.value];
}

describe('UDP attachment (one Ethernet frame per datagram)', () => {
  it('carries frames both ways on 127.0.0.1 with ephemeral ports', async () => {
    const [left, right] = await pair();
    const ports = new PortSet();
    const got: string[] = [];
    ports.onIngress((port, bytes) => got.push(`${port}:${toHex(bytes)}`));
    ports.attach(4, left);
    const fromRight: string[] = [];
    right.onReceive((bytes) => fromRight.push(toHex(bytes)));
    right.send(frame(1));
    ports.transmit(4, frame(2));
    expect(await waitFor(() => got.length === 1 && fromRight.length === 1)).toBe(true);
    expect(got).toEqual([`4:${toHex(frame(1))}`]);
    expect(fromRight).toEqual([toHex(frame(2))]);
    await ports.closeAll();
    await right.close();
  });

  it('ignores datagrams from other senders and runts', async () => {
    const [left, right] = await pair();
    const got: Uint8Array[] = [];
    left.onReceive((bytes) => got.push(bytes));
    const stranger = createSocket('udp4');
    await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', resolve));
    stranger.send(frame(7), left.local.port, '127.0.0.1');
    right.send(hexBytes('0102')); // shorter than an Ethernet header
    expect(await waitFor(() => left.rejected === 2)).toBe(true);
    expect(got).toEqual([]);
    stranger.close();
    await left.close();
    await right.close();
  });

  it('a bind failure is an error value', async () => {
    const [left, right] = await pair();
    const clash = await openUdpAttachment(left.local, right.local);
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.error).toContain('cannot bind');
    await left.close();
    await right.close();
  });

  it('parses endpoints and the N=udp:LOCAL>REMOTE syntax', () => {
    expect(parseUdpEndpoint('[::1]:9001')).toEqual({ ok: true, value: { address: '::1', port: 9001 } });
    expect(parseUdpEndpoint('127.0.0.1').ok).toBe(false);
    expect(parseUdpEndpoint('localhost:1').ok).toBe(false);
    expect(parseUdpEndpoint('1.2.3.4:70000').ok).toBe(false);
    expect(parsePortSpec('1=udp:127.0.0.1:9001>127.0.0.1:9002')).toEqual({
      ok: true,
      value: { port: 1, kind: 'udp', local: { address: '127.0.0.1', port: 9001 }, remote: { address: '127.0.0.1', port: 9002 } },
    });
    expect(parsePortSpec('2=pcap:/tmp/x')).toEqual({ ok: true, value: { port: 2, kind: 'pcap', directory: '/tmp/x' } });
    for (const bad of ['1=udp:127.0.0.1:9001>[::1]:9002', '1=udp:127.0.0.1:9001', '1=udp:127.0.0.1:1>127.0.0.1:0', 'x=pcap:/tmp', '1=tap:eth0', '600=link:a', '1=link:', '1=link:a b']) {
      expect(parsePortSpec(bad).ok, bad).toBe(false);
    }
  });
});
