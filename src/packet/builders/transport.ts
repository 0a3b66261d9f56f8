// UDP (RFC 768), TCP (RFC 9293 §3.1), ICMP (RFC 792) and ICMPv6 (RFC 4443),
// with checksums over the IPv4 (RFC 768) or IPv6 (RFC 8200 §8.1) pseudo-header.

import { internetChecksum, onesComplementSum } from '../checksum.js';
import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';
import { IpProtocol } from './ipv4.js';

/** Source and destination of the enclosing IP header, 4 or 16 bytes each. */
export interface PseudoHeader {
  source: Uint8Array;
  destination: Uint8Array;
}

/** One's-complement checksum of the pseudo-header plus `segment` (its checksum field zero). */
export function transportChecksum(pseudo: PseudoHeader, protocol: number, segment: Uint8Array): number {
  const length = segment.length;
  let sum = onesComplementSum(pseudo.source);
  sum = onesComplementSum(pseudo.destination, sum);
  if (pseudo.source.length === 16) {
    // RFC 8200 §8.1: 32-bit upper-layer length, 24 zero bits, next header.
    sum += (length >>> 16) + (length & 0xffff) + protocol;
  } else {
    // RFC 768: zero, protocol, UDP length.
    sum += protocol + length;
  }
  return ~onesComplementSum(segment, sum) & 0xffff;
}

function setChecksum(segment: Uint8Array, at: number, checksum: number): Uint8Array {
  segment[at] = checksum >> 8;
  segment[at + 1] = checksum & 0xff;
  return segment;
}

export interface UdpFields {
  sourcePort: number;
  destinationPort: number;
  /** Override; computed otherwise. Zero means "no checksum" over IPv4 (RFC 768). */
  checksum?: number;
}

export function buildUdp(fields: UdpFields, payload: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  if (payload.length > 0xffff - 8) throw new Error(`UDP payload of ${payload.length} bytes exceeds 65527`);
  const header = new ByteWriter(8)
    .u16(fields.sourcePort)
    .u16(fields.destinationPort)
    .u16(8 + payload.length)
    .u16(0)
    .finish();
  const segment = concatBytes(header, payload);
  let checksum = fields.checksum ?? transportChecksum(pseudo, IpProtocol.udp, segment);
  // RFC 768: a computed checksum of zero is transmitted as all ones.
  if (fields.checksum === undefined && checksum === 0) checksum = 0xffff;
  return setChecksum(segment, 6, checksum);
}

export const TcpFlag = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10, urg: 0x20, ece: 0x40, cwr: 0x80 } as const;

export interface TcpFields {
  sourcePort: number;
  destinationPort: number;
  sequence?: number;
  acknowledgment?: number;
  flags?: number;
  window?: number;
  urgentPointer?: number;
  /** Raw options, padded to 4 bytes with zeros (End of Option List). */
  options?: Uint8Array;
  checksum?: number;
}

export function buildTcp(fields: TcpFields, payload: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  const optionsLength = (options.length + 3) & ~3;
  const header = new ByteWriter(20 + optionsLength)
    .u16(fields.sourcePort)
    .u16(fields.destinationPort)
    .u32(fields.sequence ?? 0)
    .u32(fields.acknowledgment ?? 0)
    .u8(((20 + optionsLength) / 4) << 4)
    .u8(fields.flags ?? 0)
    .u16(fields.window ?? 65535)
    .u16(0)
    .u16(fields.urgentPointer ?? 0)
    .bytes(options)
    .bytes(new Uint8Array(optionsLength - options.length))
    .finish();
  const segment = concatBytes(header, payload);
  return setChecksum(segment, 16, fields.checksum ?? transportChecksum(pseudo, IpProtocol.tcp, segment));
}

export const IcmpType = { echoReply: 0, destinationUnreachable: 3, echoRequest: 8, timeExceeded: 11 } as const;
export const Icmpv6Type = {
  destinationUnreachable: 1,
  packetTooBig: 2,
  timeExceeded: 3,
  echoRequest: 128,
  echoReply: 129,
  neighborSolicitation: 135,
  neighborAdvertisement: 136,
} as const;

export interface IcmpFields {
  type: number;
  code?: number;
  /** The 4 bytes after the checksum (identifier + sequence for echo). */
  restOfHeader?: number;
  checksum?: number;
}

/** ICMP for IPv4: RFC 792 checksum over the ICMP message only. */
export function buildIcmp(fields: IcmpFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const message = concatBytes(
    new ByteWriter(8).u8(fields.type).u8(fields.code ?? 0).u16(0).u32(fields.restOfHeader ?? 0).finish(),
    payload,
  );
  return setChecksum(message, 2, fields.checksum ?? internetChecksum(message));
}

/** ICMPv6: RFC 4443 §2.3 checksum includes the IPv6 pseudo-header. */
export function buildIcmpv6(fields: IcmpFields, payload: Uint8Array, pseudo: PseudoHeader): Uint8Array {
  const message = concatBytes(
    new ByteWriter(8).u8(fields.type).u8(fields.code ?? 0).u16(0).u32(fields.restOfHeader ?? 0).finish(),
    payload,
  );
  return setChecksum(message, 2, fields.checksum ?? transportChecksum(pseudo, IpProtocol.icmpv6, message));
}

export interface DecodedPorts {
  sourcePort: number;
  destinationPort: number;
}

export interface DecodedUdp extends DecodedPorts {
  length: number;
  checksum: number;
  payload: Uint8Array;
}

export function decodeUdp(bytes: Uint8Array): Result<DecodedUdp> {
  const reader = new ByteReader(bytes);
  const sourcePort = reader.u16();
  const destinationPort = reader.u16();
  const length = reader.u16();
  const checksum = reader.u16();
  if (sourcePort === undefined || destinationPort === undefined || length === undefined || checksum === undefined) {
    return fail('udp: truncated header');
  }
  if (length < 8) return fail(`udp: length ${length} < 8`);
  return ok({ sourcePort, destinationPort, length, checksum, payload: bytes.subarray(8, Math.min(length, bytes.length)) });
}

export interface DecodedTcp extends DecodedPorts {
  sequence: number;
  acknowledgment: number;
  headerLength: number;
  flags: number;
  window: number;
  checksum: number;
  payload: Uint8Array;
}

export function decodeTcp(bytes: Uint8Array): Result<DecodedTcp> {
  const reader = new ByteReader(bytes);
  const sourcePort = reader.u16();
  const destinationPort = reader.u16();
  const sequence = reader.u32();
  const acknowledgment = reader.u32();
  const offset = reader.u8();
  const flags = reader.u8();
  const window = reader.u16();
  const checksum = reader.u16();
  if (reader.failed || sourcePort === undefined || destinationPort === undefined || sequence === undefined
    || acknowledgment === undefined || offset === undefined || flags === undefined || window === undefined
    || checksum === undefined) {
    return fail('tcp: truncated header');
  }
  const headerLength = (offset >> 4) * 4;
  if (headerLength < 20 || headerLength > bytes.length) return fail(`tcp: bad data offset ${headerLength}`);
  return ok({ sourcePort, destinationPort, sequence, acknowledgment, headerLength, flags, window, checksum, payload: bytes.subarray(headerLength) });
}

export interface DecodedIcmp {
  type: number;
  code: number;
  checksum: number;
  restOfHeader: number;
  payload: Uint8Array;
}

/** Same layout for ICMP and ICMPv6. */
export function decodeIcmp(bytes: Uint8Array): Result<DecodedIcmp> {
  const reader = new ByteReader(bytes);
  const type = reader.u8();
  const code = reader.u8();
  const checksum = reader.u16();
  const restOfHeader = reader.u32();
  if (type === undefined || code === undefined || checksum === undefined || restOfHeader === undefined) {
    return fail('icmp: truncated header');
  }
  return ok({ type, code, checksum, restOfHeader, payload: bytes.subarray(8) });
}
