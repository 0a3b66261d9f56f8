// ARP for IPv4 over Ethernet (RFC 826).
//
//  hardware type (2) = 1 | protocol type (2) = 0x0800 | hlen (1) = 6 | plen (1) = 4
//  operation (2) | sender MAC (6) | sender IPv4 (4) | target MAC (6) | target IPv4 (4)

import { ByteReader, ByteWriter, fail, ok, type Result } from '../bytes.js';
import { EtherType, formatMac, macBytes, type MacAddress } from './ethernet.js';
import { formatIpv4, ipv4Bytes, type Ipv4Address } from './ipv4.js';

export const ArpOperation = { request: 1, reply: 2 } as const;

export interface ArpFields {
  operation: number;
  senderMac: MacAddress;
  senderIp: Ipv4Address;
  targetMac: MacAddress;
  targetIp: Ipv4Address;
}

export function buildArp(fields: ArpFields): Uint8Array {
  return new ByteWriter(28)
    .u16(1)
    .u16(EtherType.ipv4)
    .u8(6)
    .u8(4)
    .u16(fields.operation)
    .bytes(macBytes(fields.senderMac))
    .bytes(ipv4Bytes(fields.senderIp))
    .bytes(macBytes(fields.targetMac))
    .bytes(ipv4Bytes(fields.targetIp))
    .finish();
}

export interface DecodedArp {
  operation: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export function decodeArp(bytes: Uint8Array): Result<DecodedArp> {
  const reader = new ByteReader(bytes);
  const hardwareType = reader.u16();
  const protocolType = reader.u16();
  const hardwareLength = reader.u8();
  const protocolLength = reader.u8();
  const operation = reader.u16();
  const senderMac = reader.slice(6);
  const senderIp = reader.slice(4);
  const targetMac = reader.slice(6);
  const targetIp = reader.slice(4);
  if (reader.failed || operation === undefined || !senderMac || !senderIp || !targetMac || !targetIp) {
    return fail('arp: truncated');
  }
  if (hardwareType !== 1 || protocolType !== EtherType.ipv4 || hardwareLength !== 6 || protocolLength !== 4) {
    return fail('arp: not Ethernet/IPv4');
  }
  return ok({
    operation,
    senderMac: formatMac(senderMac),
    senderIp: formatIpv4(senderIp),
    targetMac: formatMac(targetMac),
    targetIp: formatIpv4(targetIp),
  });
}
