// Ethernet II framing (IEEE 802.3 clause 3.2.6 type interpretation) with
// IEEE 802.1Q / 802.1ad VLAN tags, and MAC address text forms.
//
//   0                   1                   2                   3
//  +-------------------------------+-------------------------------+
//  |        destination MAC (6)    |        source MAC (6)         |
//  +---------------+---------------+-------------------------------+
//  | [TPID | PCP DEI VID]*  (4 each)  | EtherType (2) |  payload   |
//  +---------------+---------------+-------------------------------+

import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';

export const EtherType = {
  ipv4: 0x0800,
  arp: 0x0806,
  vlan: 0x8100, // IEEE 802.1Q C-tag
  serviceVlan: 0x88a8, // IEEE 802.1ad S-tag
  ipv6: 0x86dd,
  mplsUnicast: 0x8847, // RFC 5332
  mplsMulticast: 0x8848, // RFC 5332
} as const;

/** A MAC written as text ("02:00:00:00:00:01", "-" or no separator) or as 6 bytes. */
export type MacAddress = string | Uint8Array;

export function parseMac(text: string): Result<Uint8Array> {
  const digits = text.trim().replace(/[:\-.]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(digits)) return fail(`invalid MAC address "${text}"`);
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return ok(out);
}

export function formatMac(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 6), (byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/** Builders take literals written by programmers; user text must go through parseMac first. */
export function macBytes(address: MacAddress): Uint8Array {
  if (typeof address !== 'string') {
    if (address.length !== 6) throw new Error(`MAC address must be 6 bytes, got ${address.length}`);
    return address;
  }
  const parsed = parseMac(address);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

export interface VlanTag {
  /** 0x8100 (802.1Q, default) or 0x88a8 (802.1ad outer tag). */
  tpid?: number;
  priority?: number; // PCP, 3 bits
  dropEligible?: boolean; // DEI, 1 bit
  vlanId: number; // 12 bits
}

export interface EthernetFields {
  destination: MacAddress;
  source: MacAddress;
  etherType: number;
  /** Outermost first. */
  vlanTags?: VlanTag[];
}

export function buildEthernet(fields: EthernetFields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const writer = new ByteWriter(18 + payload.length);
  writer.bytes(macBytes(fields.destination)).bytes(macBytes(fields.source));
  for (const tag of fields.vlanTags ?? []) {
    writer.u16(tag.tpid ?? EtherType.vlan);
    writer.u16(((tag.priority ?? 0) & 7) << 13 | (tag.dropEligible ? 1 << 12 : 0) | (tag.vlanId & 0xfff));
  }
  writer.u16(fields.etherType);
  return concatBytes(writer.finish(), payload);
}

export interface DecodedEthernet {
  destination: string;
  source: string;
  vlanTags: Required<VlanTag>[];
  etherType: number;
  headerLength: number;
  payload: Uint8Array;
}

/** At most this many stacked tags are read; more is treated as payload (bounded work on garbage). */
const maximumVlanTags = 8;

export function decodeEthernet(frame: Uint8Array): Result<DecodedEthernet> {
  const reader = new ByteReader(frame);
  const destination = reader.slice(6);
  const source = reader.slice(6);
  let etherType = reader.u16();
  if (reader.failed || !destination || !source || etherType === undefined) {
    return fail(`ethernet: frame too short (${frame.length} bytes)`);
  }
  const vlanTags: Required<VlanTag>[] = [];
  while ((etherType === EtherType.vlan || etherType === EtherType.serviceVlan) && vlanTags.length < maximumVlanTags) {
    const control = reader.u16();
    const next = reader.u16();
    if (control === undefined || next === undefined) return fail('ethernet: truncated VLAN tag');
    vlanTags.push({
      tpid: etherType,
      priority: control >> 13,
      dropEligible: (control & 0x1000) !== 0,
      vlanId: control & 0xfff,
    });
    etherType = next;
  }
  return ok({
    destination: formatMac(destination),
    source: formatMac(source),
    vlanTags,
    etherType,
    headerLength: reader.offset,
    payload: reader.rest(),
  });
}
