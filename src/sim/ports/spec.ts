// CLI syntax for port attachments:
//   N=udp:LOCAL>REMOTE   e.g. 1=udp:127.0.0.1:9001>127.0.0.1:9002, 2=udp:[::1]:0>[::1]:9004
//   N=pcap:DIR           writes DIR/port-N-out.pcap, replays DIR/port-N-in.pcap if present
//   N=link:NAME          one end of the in-process link NAME (two ports name it)

import { isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../../packet/bytes.js';
import type { PortAttachment } from './attachment.js';
import { LinkRegistry } from './link.js';
import { openPcapAttachment, type PcapAttachmentOptions } from './pcap-attachment.js';
import { maximumPortNumber, PortSet } from './port-set.js';
import { openUdpAttachment, parseUdpEndpoint, type UdpEndpoint } from './udp.js';

export type PortSpec =
  | { port: number; kind: 'udp'; local: UdpEndpoint; remote: UdpEndpoint }
  | { port: number; kind: 'pcap'; directory: string }
  | { port: number; kind: 'link'; name: string };

export function parsePortSpec(text: string): Result<PortSpec> {
  const match = /^\s*(\d+)\s*=\s*(udp|pcap|link):(.*)$/.exec(text);
  if (!match) return fail(`invalid port attachment "${text}" (expected N=udp:LOCAL>REMOTE, N=pcap:DIR or N=link:NAME)`);
  const port = Number(match[1]);
  if (port > maximumPortNumber) return fail(`port ${port} out of range 0..${maximumPortNumber} in "${text}"`);
  const kind = match[2];
  const argument = match[3].trim();
  if (kind === 'udp') {
    const parts = argument.split('>');
    if (parts.length !== 2) return fail(`"${text}": udp needs LOCAL>REMOTE`);
    const local = parseUdpEndpoint(parts[0].trim());
    if (!local.ok) return fail(`"${text}": ${local.error}`);
    const remote = parseUdpEndpoint(parts[1].trim());
    if (!remote.ok) return fail(`"${text}": ${remote.error}`);
    if (remote.value.port === 0) return fail(`"${text}": the remote UDP port cannot be 0`);
    if (isIPv6(local.value.address) !== isIPv6(remote.value.address)) return fail(`"${text}": LOCAL and REMOTE must be the same address family`);
    return ok({ port, kind, local: local.value, remote: remote.value });
  }
  if (argument === '') return fail(`"${text}": ${kind} needs a ${kind === 'pcap' ? 'directory' : 'link name'}`);
  if (kind === 'pcap') return ok({ port, kind, directory: argument });
  if (!/^[A-Za-z0-9_.\-]+$/.test(argument)) return fail(`"${text}": link names use letters, digits, "_", "-" and "."`);
  return ok({ port, kind: 'link', name: argument });
}

/** Parse every spec; all errors are reported together, and a port named twice is an error. */
export function parsePortSpecs(texts: string[]): Result<PortSpec[], string[]> {
  const errors: string[] = [];
  const specs: PortSpec[] = [];
  const seen = new Set<number>();
  for (const text of texts) {
    const parsed = parsePortSpec(text);
    if (!parsed.ok) {
      errors.push(parsed.error);
      continue;
    }
    if (seen.has(parsed.value.port)) errors.push(`port ${parsed.value.port} is attached twice`);
    seen.add(parsed.value.port);
    specs.push(parsed.value);
  }
  return errors.length > 0 ? fail(errors) : ok(specs);
}

export interface OpenContext {
  links: LinkRegistry;
  pcap?: PcapAttachmentOptions;
}

export async function openAttachment(spec: PortSpec, context: OpenContext): Promise<Result<PortAttachment>> {
  switch (spec.kind) {
    case 'udp':
      return openUdpAttachment(spec.local, spec.remote);
    case 'pcap':
      return openPcapAttachment(spec.directory, spec.port, context.pcap);
    case 'link':
      return context.links.endpoint(spec.name);
  }
}

/**
 * Open and attach every spec to `ports`. On the first failure, the attachments
 * opened so far are closed again and the error is returned.
 */
export async function attachAll(ports: PortSet, specs: PortSpec[], context: OpenContext): Promise<Result<void>> {
  const attached: number[] = [];
  for (const spec of specs) {
    const opened = await openAttachment(spec, context);
    const result = opened.ok ? ports.attach(spec.port, opened.value) : opened;
    if (!result.ok) {
      if (opened.ok) await opened.value.close();
      for (const port of attached) await ports.detach(port);
      return fail(`port ${spec.port}: ${result.error}`);
    }
    attached.push(spec.port);
  }
  return ok(undefined);
}
