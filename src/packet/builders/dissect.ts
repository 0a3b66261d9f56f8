// Dissector: one-line-per-layer description of a frame, for tests and for the
// CLI to show what came out of a port, e.g.
//   eth 02:00:00:00:00:01>02:00:00:00:00:02 ipv6 2001:db8::1>2001:db8::2 nh=4 hlim=64 | ipv4 10.0.0.1>10.0.0.2 proto=17 ttl=64 udp 1000>2000 len=12
// "|" marks the start of an encapsulated packet. Never throws: a malformed
// layer ends the dissection with an "!error" entry (peer input is data).

import { internetChecksum } from '../checksum.js';
import { decodeArp, ArpOperation } from './arp.js';
import { decodeEthernet, EtherType } from './ethernet.js';
import { decodeGre } from './gre.js';
import { decodeIpv4, IpProtocol } from './ipv4.js';
import { decodeIpv6 } from './ipv6.js';
import { decodeL2tpv3, type CookieLength } from './l2tpv3.js';
import { decodeMplsStack } from './mpls.js';
import { decodeIcmp, decodeTcp, decodeUdp, transportChecksum, type PseudoHeader } from './transport.js';

export interface DissectedLayer {
  /** "eth", "ipv4", "udp", "|" (encapsulation boundary), "payload", "!" (error) ... */
  name: string;
  summary: string;
  /** Offset of the layer in the frame. */
  offset: number;
}

export interface Dissection {
  layers: DissectedLayer[];
  summary: string;
  /** The first decode error, if any. */
  error?: string;
}

export interface DissectOptions {
  /** L2TPv3 cookie length agreed for the sessions; guessed from the payload when absent. */
  l2tpv3CookieLength?: CookieLength;
}

/** Encapsulation depth limit: each level costs a header, a frame is finite, but stay cheap on garbage. */
const maximumDepth = 8;
const greTransparentEthernet = 0x6558;
const ipv6ExtensionHeaders = new Set([0, 43, 60]); // hop-by-hop, routing, destination options (RFC 8200 §4)
const ipv6FragmentHeader = 44;

class Walk {
  readonly layers: DissectedLayer[] = [];
  error?: string;
  constructor(readonly frame: Uint8Array, readonly options: DissectOptions) {}

  offsetOf(view: Uint8Array): number {
    return view.byteOffset - this.frame.byteOffset;
  }
  add(name: string, view: Uint8Array, summary: string): void {
    this.layers.push({ name, summary, offset: this.offsetOf(view) });
  }
  failed(view: Uint8Array, error: string): void {
    this.error ??= error;
    this.add('!', view, `!${error}`);
  }
  payload(view: Uint8Array): void {
    if (view.length > 0) this.add('payload', view, `payload=${view.length}B`);
  }
}

export function dissect(frame: Uint8Array, options: DissectOptions = {}): Dissection {
  const walk = new Walk(frame, options);
  ethernet(walk, frame, 0);
  return { layers: walk.layers, summary: walk.layers.map((layer) => layer.summary).join(' '), error: walk.error };
}

/** Dissect a packet that starts at an IP header (no Ethernet), e.g. a PacketIn payload. */
export function dissectIp(packet: Uint8Array, options: DissectOptions = {}): Dissection {
  const walk = new Walk(packet, options);
  guessIp(walk, packet, 0);
  return { layers: walk.layers, summary: walk.layers.map((layer) => layer.summary).join(' '), error: walk.error };
}

function ethernet(walk: Walk, view: Uint8Array, depth: number): void {
  const decoded = decodeEthernet(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const { source, destination, vlanTags, etherType, payload } = decoded.value;
  let summary = `eth ${source}>${destination}`;
  for (const tag of vlanTags) summary += ` vlan=${tag.vlanId}${tag.priority ? ` pcp=${tag.priority}` : ''}`;
  if (!knownEtherType(etherType)) summary += ` type=0x${etherType.toString(16).padStart(4, '0')}`;
  walk.add('eth', view, summary);
  byEtherType(walk, etherType, payload, depth);
}

const dissectedEtherTypes = new Set<number>([EtherType.ipv4, EtherType.ipv6, EtherType.arp, EtherType.mplsUnicast, EtherType.mplsMulticast]);

function knownEtherType(etherType: number): boolean {
  return dissectedEtherTypes.has(etherType);
}

function byEtherType(walk: Walk, etherType: number, view: Uint8Array, depth: number): void {
  if (depth > maximumDepth) return walk.failed(view, 'too many nested headers');
  switch (etherType) {
    case EtherType.ipv4:
      return ipv4(walk, view, depth);
    case EtherType.ipv6:
      return ipv6(walk, view, depth);
    case EtherType.arp:
      return arp(walk, view);
    case EtherType.mplsUnicast:
    case EtherType.mplsMulticast:
      return mpls(walk, view, depth);
    case greTransparentEthernet:
      return ethernet(walk, view, depth + 1);
    default:
      return walk.payload(view);
  }
}

function arp(walk: Walk, view: Uint8Array): void {
  const decoded = decodeArp(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const { operation, senderMac, senderIp, targetIp } = decoded.value;
  const summary =
    operation === ArpOperation.request ? `arp who-has ${targetIp} tell ${senderIp}`
    : operation === ArpOperation.reply ? `arp ${senderIp} is-at ${senderMac}`
    : `arp op=${operation}`;
  walk.add('arp', view, summary);
}

function guessIp(walk: Walk, view: Uint8Array, depth: number): void {
  const version = view.length > 0 ? view[0] >> 4 : -1;
  if (version === 4) return ipv4(walk, view, depth);
  if (version === 6) return ipv6(walk, view, depth);
  walk.payload(view);
}

function ipv4(walk: Walk, view: Uint8Array, depth: number): void {
  const decoded = decodeIpv4(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const ip = decoded.value;
  let summary = `ipv4 ${ip.source}>${ip.destination} proto=${ip.protocol} ttl=${ip.ttl}`;
  if (ip.dscp) summary += ` dscp=${ip.dscp}`;
  if (ip.moreFragments || ip.fragmentOffset) summary += ` frag=${ip.fragmentOffset * 8}${ip.moreFragments ? '+' : ''}`;
  if (!ip.checksumValid) summary += ' badsum';
  walk.add('ipv4', view, summary);
  if (ip.fragmentOffset !== 0) return walk.payload(ip.payload); // only the first fragment has the next header
  byProtocol(walk, ip.protocol, ip.payload, { source: ip.sourceBytes, destination: ip.destinationBytes }, depth);
}

function ipv6(walk: Walk, view: Uint8Array, depth: number): void {
  const decoded = decodeIpv6(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const ip = decoded.value;
  let summary = `ipv6 ${ip.source}>${ip.destination} nh=${ip.nextHeader} hlim=${ip.hopLimit}`;
  if (ip.trafficClass) summary += ` tc=${ip.trafficClass}`;
  walk.add('ipv6', view, summary);
  let nextHeader = ip.nextHeader;
  let payload = ip.payload;
  // Skip extension headers (RFC 8200 §4); at most a handful, each at least 8 bytes.
  for (let count = 0; count < maximumDepth; count++) {
    if (nextHeader === ipv6FragmentHeader) {
      if (payload.length < 8) return walk.failed(payload, 'ipv6: truncated fragment header');
      const offset = ((payload[2] << 8) | payload[3]) & 0xfff8;
      walk.add('ipv6-frag', payload, `frag=${offset}${payload[3] & 1 ? '+' : ''}`);
      if (offset !== 0) return walk.payload(payload.subarray(8));
      nextHeader = payload[0];
      payload = payload.subarray(8);
    } else if (ipv6ExtensionHeaders.has(nextHeader)) {
      if (payload.length < 8) return walk.failed(payload, 'ipv6: truncated extension header');
      const length = (payload[1] + 1) * 8;
      if (length > payload.length) return walk.failed(payload, 'ipv6: truncated extension header');
      walk.add('ipv6-ext', payload, `ext=${nextHeader}`);
      nextHeader = payload[0];
      payload = payload.subarray(length);
    } else {
      break;
    }
  }
  byProtocol(walk, nextHeader, payload, { source: ip.sourceBytes, destination: ip.destinationBytes }, depth);
}

function byProtocol(walk: Walk, protocol: number, view: Uint8Array, pseudo: PseudoHeader, depth: number): void {
  if (depth > maximumDepth) return walk.failed(view, 'too many nested headers');
  switch (protocol) {
    case IpProtocol.udp:
    case IpProtocol.tcp:
      return transport(walk, protocol, view, pseudo);
    case IpProtocol.icmp:
    case IpProtocol.icmpv6:
      return icmp(walk, protocol, view, pseudo);
    case IpProtocol.ipv4:
      walk.add('|', view, '|');
      return ipv4(walk, view, depth + 1);
    case IpProtocol.ipv6:
      walk.add('|', view, '|');
      return ipv6(walk, view, depth + 1);
    case IpProtocol.gre:
      return gre(walk, view, depth);
    case IpProtocol.l2tp:
      return l2tpv3(walk, view, depth);
    case IpProtocol.mplsInIp:
      return mpls(walk, view, depth);
    default:
      return walk.payload(view);
  }
}

function transport(walk: Walk, protocol: number, view: Uint8Array, pseudo: PseudoHeader): void {
  const decoded = protocol === IpProtocol.udp ? decodeUdp(view) : decodeTcp(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const segment = decoded.value;
  const name = protocol === IpProtocol.udp ? 'udp' : 'tcp';
  let summary = `${name} ${segment.sourcePort}>${segment.destinationPort}`;
  if ('length' in segment) summary += ` len=${segment.length}`;
  if ('flags' in segment) summary += ` flags=${tcpFlags(segment.flags)} seq=${segment.sequence}`;
  const udpWithoutChecksum = protocol === IpProtocol.udp && segment.checksum === 0 && pseudo.source.length === 4;
  const covered = 'length' in segment ? view.subarray(0, Math.min(segment.length, view.length)) : view;
  if (!udpWithoutChecksum && transportChecksum(pseudo, protocol, covered) !== 0) summary += ' badsum';
  walk.add(name, view, summary);
  walk.payload(segment.payload);
}

function tcpFlags(flags: number): string {
  const letters = 'FSRPAUEC';
  let text = '';
  for (let bit = 0; bit < 8; bit++) if (flags & (1 << bit)) text += letters[bit];
  return text || '.';
}

function icmp(walk: Walk, protocol: number, view: Uint8Array, pseudo: PseudoHeader): void {
  const decoded = decodeIcmp(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const name = protocol === IpProtocol.icmp ? 'icmp' : 'icmpv6';
  const valid = protocol === IpProtocol.icmp ? internetChecksum(view) === 0 : transportChecksum(pseudo, protocol, view) === 0;
  walk.add(name, view, `${name} type=${decoded.value.type} code=${decoded.value.code}${valid ? '' : ' badsum'}`);
  walk.payload(decoded.value.payload);
}

function gre(walk: Walk, view: Uint8Array, depth: number): void {
  const decoded = decodeGre(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const header = decoded.value;
  let summary = `gre proto=0x${header.protocolType.toString(16).padStart(4, '0')}`;
  if (header.key !== undefined) summary += ` key=${header.key}`;
  if (header.sequence !== undefined) summary += ` seq=${header.sequence}`;
  if (header.checksumValid === false) summary += ' badsum';
  walk.add('gre', view, summary);
  walk.add('|', header.payload, '|');
  byEtherType(walk, header.protocolType, header.payload, depth + 1);
}

function l2tpv3(walk: Walk, view: Uint8Array, depth: number): void {
  const cookieLength = walk.options.l2tpv3CookieLength ?? guessCookieLength(view);
  const decoded = decodeL2tpv3(view, cookieLength);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const session = decoded.value;
  if (session.control) {
    walk.add('l2tpv3', view, 'l2tpv3 control');
    return walk.payload(session.payload);
  }
  let summary = `l2tpv3 session=${session.sessionId}`;
  if (session.cookie !== undefined) summary += ` cookie=0x${session.cookie.toString(16).padStart(session.cookieLength * 2, '0')}`;
  walk.add('l2tpv3', view, summary);
  walk.add('|', session.payload, '|');
  guessIp(walk, session.payload, depth + 1);
}

/** Smallest cookie length after which an IP header plausibly starts. */
function guessCookieLength(view: Uint8Array): CookieLength {
  for (const length of [0, 4, 8] as const) {
    const version = view.length > 4 + length ? view[4 + length] >> 4 : -1;
    if (version === 4 || version === 6) return length;
  }
  return 0;
}

function mpls(walk: Walk, view: Uint8Array, depth: number): void {
  const decoded = decodeMplsStack(view);
  if (!decoded.ok) return walk.failed(view, decoded.error);
  const entries = decoded.value.entries.map(
    (entry) => `[${entry.label}${entry.trafficClass ? ` tc=${entry.trafficClass}` : ''} ttl=${entry.ttl}${entry.bottomOfStack ? ' s' : ''}]`,
  );
  walk.add('mpls', view, `mpls ${entries.join(' ')}`);
  // RFC 3032 carries no payload type: guess from the first nibble, as every analyser does.
  walk.add('|', decoded.value.payload, '|');
  guessIp(walk, decoded.value.payload, depth + 1);
}
