// Reading and writing bit fields at arbitrary bit offsets of a packet buffer,
// network order (P4_16 §8.20: fields are extracted MSB-first). Fields up to 32
// bits come back as numbers, wider ones as bigints, matching ir.ts.

/** Reads `width` bits starting at `bitOffset`; the caller guarantees the bits exist. */
export function readBitsNumber(buffer: Uint8Array, bitOffset: number, width: number): number {
  if ((bitOffset & 7) === 0) {
    const byte = bitOffset >> 3;
    switch (width) {
      case 8:
        return buffer[byte];
      case 16:
        return (buffer[byte] << 8) | buffer[byte + 1];
      case 32:
        return ((buffer[byte] << 24) | (buffer[byte + 1] << 16) | (buffer[byte + 2] << 8) | buffer[byte + 3]) >>> 0;
    }
  }
  // General case (≤ 53 bits): gather bits byte by byte in a float, which stays exact below 2^53.
  let accumulator = 0;
  let position = bitOffset;
  let remaining = width;
  while (remaining > 0) {
    const bitInByte = position & 7;
    const take = Math.min(8 - bitInByte, remaining);
    const bits = (buffer[position >> 3] >> (8 - bitInByte - take)) & ((1 << take) - 1);
    accumulator = accumulator * (1 << take) + bits;
    position += take;
    remaining -= take;
  }
  return accumulator;
}

export function readBitsBig(buffer: Uint8Array, bitOffset: number, width: number): bigint {
  // Up to 53 bits fit a float exactly (48-bit MAC addresses): one BigInt conversion instead of one per byte.
  if (width <= 53) return BigInt(readBitsNumber(buffer, bitOffset, width));
  const first = bitOffset >> 3;
  const last = (bitOffset + width - 1) >> 3;
  let accumulator = 0n;
  for (let i = first; i <= last; i++) accumulator = (accumulator << 8n) | BigInt(buffer[i]);
  const trailing = BigInt((last + 1) * 8 - (bitOffset + width));
  return (accumulator >> trailing) & ((1n << BigInt(width)) - 1n);
}

export function readBits(buffer: Uint8Array, bitOffset: number, width: number): number | bigint {
  return width > 32 ? readBitsBig(buffer, bitOffset, width) : readBitsNumber(buffer, bitOffset, width);
}

/** writeBits for values below 2^53 given as numbers: byte-wise, no bigint. */
function writeBitsNumber(buffer: Uint8Array, bitOffset: number, width: number, value: number): void {
  let position = bitOffset;
  let remaining = width;
  while (remaining > 0) {
    const bitInByte = position & 7;
    const space = 8 - bitInByte;
    const take = space < remaining ? space : remaining;
    const shift = remaining - take;
    const bits = Math.floor(value / 2 ** shift) % (1 << take);
    const mask = ((1 << take) - 1) << (space - take);
    const index = position >> 3;
    buffer[index] = (buffer[index] & ~mask) | (bits << (space - take));
    position += take;
    remaining -= take;
  }
}

/** Writes the low `width` bits of value at `bitOffset` (other bits of the touched bytes are kept). */
export function writeBits(buffer: Uint8Array, bitOffset: number, width: number, value: number | bigint): void {
  if (width === 0) return;
  if (width <= 53) {
    let number = typeof value === 'number' ? value : Number(BigInt.asUintN(width, value));
    if (number < 0) number += 2 ** width;
    if ((bitOffset & 7) === 0) {
      const byte = bitOffset >> 3;
      switch (width) {
        case 8:
          buffer[byte] = number;
          return;
        case 16:
          buffer[byte] = number >>> 8;
          buffer[byte + 1] = number;
          return;
        case 32:
          buffer[byte] = number >>> 24;
          buffer[byte + 1] = number >>> 16;
          buffer[byte + 2] = number >>> 8;
          buffer[byte + 3] = number;
          return;
      }
    }
    if ((bitOffset & 7) === 0 && (width & 7) === 0) {
      // Whole bytes (48-bit MAC addresses): last byte first, by float division (exact below 2^53).
      for (let index = (bitOffset >> 3) + (width >> 3) - 1; index >= bitOffset >> 3; index--) {
        buffer[index] = number % 256;
        number = Math.floor(number / 256);
      }
      return;
    }
    writeBitsNumber(buffer, bitOffset, width, width === 53 ? number : number % 2 ** width);
    return;
  }
  if ((bitOffset & 7) === 0 && (width & 7) === 0) {
    let big = typeof value === 'bigint' ? value : BigInt(value);
    for (let i = (bitOffset >> 3) + (width >> 3) - 1; i >= bitOffset >> 3; i--) {
      buffer[i] = Number(big & 0xffn);
      big >>= 8n;
    }
    return;
  }
  const big = typeof value === 'bigint' ? value : BigInt(value);
  for (let bit = 0; bit < width; bit++) {
    const position = bitOffset + width - 1 - bit;
    const mask = 0x80 >> (position & 7);
    if ((big >> BigInt(bit)) & 1n) buffer[position >> 3] |= mask;
    else buffer[position >> 3] &= ~mask;
  }
}

/** A field value as headers hold it (bool for bool fields, number ≤ 32 bits, bigint above). */
type FieldValue = number | bigint | boolean;

/**
 * Compiles a writer for a fixed sequence of fields starting at a byte
 * boundary. Runs of small fields that together end on a byte boundary within
 * 32 bits are combined into one word with 32-bit integer operations and stored
 * as whole bytes (IPv4's version/ihl/diffserv/totalLen become one store);
 * whole-byte fields wider than 32 bits are split into two words; anything
 * else falls back to writeBits.
 */
export function compileFieldWriter(widths: readonly number[]): (buffer: Uint8Array, byteOffset: number, values: readonly FieldValue[]) => void {
  type Step = (buffer: Uint8Array, base: number, values: readonly FieldValue[]) => void;
  const steps: Step[] = [];
  for (const group of groupFields(widths)) {
    const { first, count, bits, startBit } = group;
    const byte = startBit >> 3;
    if (group.kind === 'word') {
      const bytes = bits >> 3;
      const memberWidths = widths.slice(first, first + count);
      const masks = memberWidths.map((w) => (w === 32 ? -1 : (1 << w) - 1));
      steps.push((buffer, base, values) => {
        let word = 0;
        for (let k = 0; k < count; k++) {
          const v = values[first + k];
          const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(BigInt.asUintN(32, v));
          word = memberWidths[k] === 32 ? n : (word << memberWidths[k]) | (n & masks[k]);
        }
        const at = base + byte;
        for (let b = bytes - 1; b >= 0; b--) {
          buffer[at + b] = word;
          word >>>= 8;
        }
      });
    } else if (group.kind === 'wide') {
      const bytes = bits >> 3;
      steps.push((buffer, base, values) => {
        const v = values[first];
        let big = typeof v === 'bigint' ? BigInt.asUintN(bits, v) : BigInt(typeof v === 'boolean' ? (v ? 1 : 0) : v);
        const at = base + byte;
        let b = bytes - 1;
        // Four bytes per bigint operation rather than one.
        for (; b >= 3; b -= 4) {
          const low = Number(big & 0xffffffffn);
          buffer[at + b] = low;
          buffer[at + b - 1] = low >>> 8;
          buffer[at + b - 2] = low >>> 16;
          buffer[at + b - 3] = low >>> 24;
          big >>= 32n;
        }
        let rest = Number(big);
        for (; b >= 0; b--) {
          buffer[at + b] = rest;
          rest >>>= 8;
        }
      });
    } else {
      steps.push((buffer, base, values) => {
        const value = values[first];
        writeBits(buffer, base * 8 + startBit, bits, typeof value === 'boolean' ? (value ? 1 : 0) : value);
      });
    }
  }
  return (buffer, byteOffset, values) => {
    for (let s = 0; s < steps.length; s++) steps[s](buffer, byteOffset, values);
  };
}

interface FieldGroup {
  /** word: small fields packed into ≤ 32 aligned bits; wide: one aligned whole-byte field > 32 bits; single: anything else. */
  kind: 'word' | 'wide' | 'single';
  first: number;
  count: number;
  bits: number;
  startBit: number;
}

function groupFields(widths: readonly number[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  let bit = 0;
  let i = 0;
  while (i < widths.length) {
    if ((bit & 7) === 0) {
      let end = i;
      let groupBits = 0;
      let closedAt = -1;
      let closedBits = 0;
      while (end < widths.length && widths[end] <= 32 && groupBits + widths[end] <= 32) {
        groupBits += widths[end];
        end++;
        if ((groupBits & 7) === 0) {
          closedAt = end;
          closedBits = groupBits;
        }
      }
      if (closedAt > i) {
        groups.push({ kind: 'word', first: i, count: closedAt - i, bits: closedBits, startBit: bit });
        bit += closedBits;
        i = closedAt;
        continue;
      }
      if (widths[i] > 32 && (widths[i] & 7) === 0) {
        groups.push({ kind: 'wide', first: i, count: 1, bits: widths[i], startBit: bit });
        bit += widths[i];
        i++;
        continue;
      }
    }
    groups.push({ kind: 'single', first: i, count: 1, bits: widths[i], startBit: bit });
    bit += widths[i];
    i++;
  }
  return groups;
}

/**
 * The matching reader: fields of a fixed layout starting at a byte boundary.
 * Small fields sharing a ≤ 32-bit aligned group are cut from one word read.
 */
export function compileFieldReader(widths: readonly number[]): (buffer: Uint8Array, byteOffset: number, out: FieldValue[]) => void {
  type Step = (buffer: Uint8Array, base: number, out: FieldValue[]) => void;
  const steps: Step[] = [];
  for (const group of groupFields(widths)) {
    const { first, count, bits, startBit } = group;
    const byte = startBit >> 3;
    if (group.kind === 'word') {
      const bytes = bits >> 3;
      const shifts: number[] = [];
      const masks: number[] = [];
      let remaining = bits;
      for (let k = 0; k < count; k++) {
        remaining -= widths[first + k];
        shifts.push(remaining);
        masks.push(widths[first + k] === 32 ? -1 : (1 << widths[first + k]) - 1);
      }
      steps.push((buffer, base, out) => {
        const at = base + byte;
        let word = 0;
        for (let b = 0; b < bytes; b++) word = (word << 8) | buffer[at + b];
        for (let k = 0; k < count; k++) out[first + k] = ((word >>> shifts[k]) & masks[k]) >>> 0;
      });
    } else if (group.kind === 'wide' && bits <= 53) {
      const bytes = bits >> 3;
      steps.push((buffer, base, out) => {
        const at = base + byte;
        let high = 0;
        for (let b = 0; b < bytes - 4; b++) high = high * 256 + buffer[at + b];
        const tail = at + bytes - 4;
        const low = ((buffer[tail] << 24) | (buffer[tail + 1] << 16) | (buffer[tail + 2] << 8) | buffer[tail + 3]) >>> 0;
        out[first] = BigInt(high * 4294967296 + low);
      });
    } else {
      steps.push((buffer, base, out) => {
        out[first] = readBits(buffer, base * 8 + startBit, bits);
      });
    }
  }
  return (buffer, byteOffset, out) => {
    for (let s = 0; s < steps.length; s++) steps[s](buffer, byteOffset, out);
  };
}
