// `softmesh sim` as a child process: preloads softmesh.p4, serves P4Runtime on
// an ephemeral 127.0.0.1 port, forwards between UDP ports, stops on SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { P4RuntimeStfTarget } from '../../src/demo/p4rt-stf-target.js';
import { baseEntries, softwireEntries } from '../../src/demo/scenario.js';
import { buildEthernet, dissect, EtherType, udpOverIpv6 } from '../../src/packet/builders/index.js';
import { P4RuntimeClient } from '../../src/p4rt/client/client.js';
import { runStf } from '../../src/sim/stf/runner.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./sim-cli-entry.ts', import.meta.url));

async function openSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** Collects stdout lines and resolves waits for a line matching a pattern. */
function lines(child: ChildProcess): (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray> {
  const seen: string[] = [];
  const waiting: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      seen.push(line);
      for (const wait of [...waiting]) {
        const match = line.match(wait.pattern);
        if (match) {
          waiting.splice(waiting.indexOf(wait), 1);
          wait.resolve(match);
        }
      }
    }
  });
  return (pattern, timeoutMs = 15_000) => {
    const match = seen.map((line) => line.match(pattern)).find((item) => item);
    if (match) return Promise.resolve(match);
    return new Promise((resolve, reject) => {
      waiting.push({ pattern, resolve });
      setTimeout(() => reject(new Error(`no line ${pattern} in:\n${seen.join('\n')}`)), timeoutMs);
    });
  };
}

const cleanup: (() => void)[] = [];
afterAll(() => cleanup.forEach((step) => step()));

describe('softmesh sim (child process)', () => {
  it('serves the preloaded program over P4Runtime, forwards between UDP ports and stops on SIGTERM', async () => {
    const [client1, core2] = [await openSocket(), await openSocket()];
    cleanup.push(() => client1.close(), () => core2.close());
    const child = spawn(process.execPath, [
      '--import', 'tsx', entry, 'sim', '--program', 'p4/v1model/softmesh.p4', '--grpc', '127.0.0.1:0',
      '--port', `1=udp:127.0.0.1:0>127.0.0.1:${client1.address().port}`, '--port', `2=udp:127.0.0.1:0>127.0.0.1:${core2.address().port}`,
    ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(() => child.kill('SIGKILL'));
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const waitFor = lines(child);
    await waitFor(/^pipeline: p4\/v1model\/softmesh\.p4 loaded$/);
    const [, address] = await waitFor(/^p4runtime: listening on (127\.0\.0\.1:\d+) \(device 1, cpu port 255\)$/);
    const [, port1] = await waitFor(/^port 1: udp:127\.0\.0\.1:(\d+)>/);

    const client = new P4RuntimeClient(address, { electionId: 2n });
    cleanup.push(() => client.close());
    expect((await client.arbitrate()).ok).toBe(true);
    const config = await client.getPipeline();
    if (!config.ok || !config.value?.p4info) throw new Error('no pipeline config read back');
    const stf = P4RuntimeStfTarget.create(client, config.value.p4info, { packetIn: async () => undefined, collectOutputs: () => [], wait: async () => undefined });
    if (!stf.ok) throw new Error(stf.error);
    expect((await runStf(baseEntries + softwireEntries, stf.value)).failures).toEqual([]);

    // IPv6 from a client towards 2001:db8:2::/48 leaves the core port in the IPv6-in-IPv4 softwire.
    const frame = buildEthernet({ destination: '02:00:00:00:00:aa', source: '02:00:00:00:01:01', etherType: EtherType.ipv6 },
      udpOverIpv6({ source: '2001:db8:1::1', destination: '2001:db8:2::1' }, { sourcePort: 1, destinationPort: 2 }));
    const received = new Promise<Uint8Array>((resolve) => core2.once('message', (message) => resolve(new Uint8Array(message))));
    client1.send(frame, Number(port1), '127.0.0.1');
    expect(dissect(await received).summary).toMatch(/ipv4 203\.0\.113\.1>203\.0\.113\.2 proto=41 ttl=63 \| ipv6 2001:db8:1::1>2001:db8:2::1/);

    client.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(/^SIGTERM: stopping$/);
    expect(stderr.join('')).toBe('');
  }, 30_000);

  it('exits 1 with one clear line for a bad port spec', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'sim', '--grpc', '127.0.0.1:0', '--port', '1=udp:nowhere'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanup.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exit) => resolve(exit)));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('"1=udp:nowhere": udp needs LOCAL>REMOTE');
  }, 30_000);
});
