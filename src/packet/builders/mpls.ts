// MPLS label stack encoding (RFC 3032 §2.1).
//
//  |                Label (20)             | TC  |S|     TTL       |

import { ByteReader, ByteWriter, concatBytes, fail, ok, type Result } from '../bytes.js';

export interface LabelStackEntry {
  label: number;
  trafficClass?: number; // RFC 5462 TC, 3 bits
  ttl?: number; // default 64
}

export const ReservedLabel = {
  ipv4ExplicitNull: 0,
  routerAlert: 1,
  ipv6ExplicitNull: 2,
  implicitNull: 3, // never on the wire (RFC 3032 §2.1)
} as const;

/** Outermost entry first; the bottom-of-stack bit is set on the last entry. */
export function buildMplsStack(entries: LabelStackEntry[], payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const writer = new ByteWriter(entries.length * 4);
  entries.forEach((entry, index) => {
    const bottom = index === entries.length - 1 ? 1 : 0;
    writer.u32((((entry.label & 0xfffff) << 12) | (((entry.trafficClass ?? 0) & 7) << 9) | (bottom << 8) | ((entry.ttl ?? 64) & 0xff)) >>> 0);
  });
  return concatBytes(writer.finish(), payload);
}

export interface DecodedLabelStackEntry {
  label: number;
  trafficClass: number;
  bottomOfStack: boolean;
  ttl: number;
}

/** A stack deeper than this is treated as garbage (bounded work on hostile input). */
const maximumStackDepth = 16;

export function decodeMplsStack(bytes: Uint8Array): Result<{ entries: DecodedLabelStackEntry[]; payload: Uint8Array }> {
  const reader = new ByteReader(bytes);
  const entries: DecodedLabelStackEntry[] = [];
  for (;;) {
    const word = reader.u32();
    if (word === undefined) return fail('mpls: label stack without bottom-of-stack entry');
    const entry = { label: word >>> 12, trafficClass: (word >>> 9) & 7, bottomOfStack: (word & 0x100) !== 0, ttl: word & 0xff };
    entries.push(entry);
    if (entry.bottomOfStack) break;
    if (entries.length >= maximumStackDepth) return fail(`mpls: label stack deeper than ${maximumStackDepth}`);
  }
  return ok({ entries, payload: reader.rest() });
}
