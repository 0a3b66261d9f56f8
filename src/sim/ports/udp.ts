// Port carried over UDP: each datagram holds exactly one Ethernet frame and
// nothing else (no header, no FCS), so any tool that can send a UDP payload can
// inject frames and a second softmesh process can be wired port to port.
// Datagrams are accepted only from the configured remote endpoint, so a stray
// sender on the host cannot inject frames into the switch.

import { createSocket, type Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../../packet/bytes.js';
import type { PortAttachment } from './attachment.js';

export interface UdpEndpoint {
  address: string;
  port: number;
}

/** An Ethernet header is 14 bytes; anything shorter is not a frame. */
const minimumFrameLength = 14;
/** IPv4 UDP payload maximum (65535 - 20 - 8). */
const maximumFrameLength = 65507;

/** `127.0.0.1:9001` or `[::1]:9001`; port 0 asks for an ephemeral port. */
export function parseUdpEndpoint(text: string): Result<UdpEndpoint> {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!match) return fail(`invalid UDP endpoint "${text}" (expected ADDRESS:PORT or [IPV6]:PORT)`);
  const [, address, portText] = match;
  if (!isIPv4(address) && !isIPv6(address)) return fail(`invalid IP address "${address}" in "${text}"`);
  const port = Number(portText);
  if (port > 65535) return fail(`UDP port ${port} out of range in "${text}"`);
  return ok({ address, port });
}

export function formatUdpEndpoint(endpoint: UdpEndpoint): string {
  return isIPv6(endpoint.address) ? `[${endpoint.address}]:${endpoint.port}` : `${endpoint.address}:${endpoint.port}`;
}

export class UdpAttachment implements PortAttachment {
  dropped = 0;
  /** Datagrams from other senders, or too short or long to be a frame. */
  rejected = 0;
  private receiver?: (frame: Uint8Array) => void;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    readonly local: UdpEndpoint,
    private remote: UdpEndpoint,
  ) {
    socket.on('message', (message, sender) => {
      if (sender.port !== this.remote.port || normalize(sender.address) !== normalize(this.remote.address)) {
        this.rejected++;
        return;
      }
      if (message.length < minimumFrameLength || message.length > maximumFrameLength) {
        this.rejected++;
        return;
      }
      if (!this.receiver) {
        this.dropped++;
        return;
      }
      this.receiver(new Uint8Array(message.buffer, message.byteOffset, message.length).slice());
    });
    socket.on('error', () => {
      this.dropped++;
    });
  }

  get description(): string {
    return `udp:${formatUdpEndpoint(this.local)}>${formatUdpEndpoint(this.remote)}`;
  }

  /** Change the peer, e.g. once the other side's ephemeral port is known. */
  setRemote(remote: UdpEndpoint): void {
    this.remote = remote;
  }

  send(frame: Uint8Array): void {
    if (this.closed || frame.length > maximumFrameLength) {
      this.dropped++;
      return;
    }
    this.socket.send(frame, this.remote.port, this.remote.address, (error) => {
      if (error) this.dropped++;
    });
  }

  onReceive(callback: (frame: Uint8Array) => void): void {
    this.receiver = callback;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

function normalize(address: string): string {
  // A dual-stack socket reports IPv4 senders as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address.toLowerCase();
}

/** Bind `local` and send to `remote`. Bind failures (address in use ...) are error values. */
export async function openUdpAttachment(local: UdpEndpoint, remote: UdpEndpoint): Promise<Result<UdpAttachment>> {
  const socket = createSocket({ type: isIPv6(local.address) ? 'udp6' : 'udp4' });
  const bound = await new Promise<Error | undefined>((resolve) => {
    socket.once('error', resolve);
    socket.bind(local.port, local.address, () => {
      socket.removeListener('error', resolve);
      resolve(undefined);
    });
  });
  if (bound) {
    try {
      socket.close();
    } catch {
      // already closed by the failed bind
    }
    return fail(`udp: cannot bind ${formatUdpEndpoint(local)}: ${bound.message}`);
  }
  const actual = socket.address();
  return ok(new UdpAttachment(socket, { address: local.address, port: actual.port }, remote));
}
