// v1model verify_checksum / update_checksum (and the `_with_payload` forms):
// the algorithm runs over the field list packed as for `hash` (BMv2
// BufBuilder), followed by the unparsed payload for the `_with_payload` forms.
// BMv2 skips fields of invalid headers when packing; the caller passes only
// the fields that take part, as BitFields or already packed bytes.

import { packBits, type BitField, type HashFunction } from './hash.js';

function checksumInput(fields: readonly BitField[] | Uint8Array, payload: Uint8Array | undefined): Uint8Array {
  const packed = fields instanceof Uint8Array ? fields : packBits(fields);
  if (!payload || payload.length === 0) return packed;
  const joined = new Uint8Array(packed.length + payload.length);
  joined.set(packed, 0);
  joined.set(payload, packed.length);
  return joined;
}

/** The checksum value as the update would write it, truncated to `width` bits. */
export function computeChecksum(
  algorithm: HashFunction,
  fields: readonly BitField[] | Uint8Array,
  width: number,
  payload?: Uint8Array,
): bigint {
  return algorithm(checksumInput(fields, payload)) & ((1n << BigInt(width)) - 1n);
}

/**
 * True when the stored checksum equals the computed one. v1model: a mismatch
 * sets standard_metadata.checksum_error = 1 and the packet continues.
 */
export function checksumMatches(
  algorithm: HashFunction,
  fields: readonly BitField[] | Uint8Array,
  stored: bigint,
  width: number,
  payload?: Uint8Array,
): boolean {
  return computeChecksum(algorithm, fields, width, payload) === stored;
}
