// Byte reader and writer shared by every codec in src/packet. Network byte
// order (big-endian) unless a method says otherwise. The reader never throws
// on short input: a read past the end returns undefined and latches `failed`,
// so a decoder can read a whole header and check once (peer input is data).

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E = string>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

export class ByteReader {
  private position: number;
  /** True once any read ran past the end of the buffer. */
  failed = false;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    /** Byte order for the multi-byte reads; pcap files may be little-endian. */
    public littleEndian = false,
  ) {
    this.position = start;
  }

  get offset(): number {
    return this.position;
  }

  remaining(): number {
    return Math.max(0, this.bytes.length - this.position);
  }

  private take(count: number): number | undefined {
    if (count < 0 || this.position + count > this.bytes.length) {
      this.failed = true;
      this.position = this.bytes.length;
      return undefined;
    }
    const at = this.position;
    this.position += count;
    return at;
  }

  u8(): number | undefined {
    const at = this.take(1);
    return at === undefined ? undefined : this.bytes[at];
  }

  u16(): number | undefined {
    const at = this.take(2);
    if (at === undefined) return undefined;
    const [a, b] = [this.bytes[at], this.bytes[at + 1]];
    return this.littleEndian ? a | (b << 8) : (a << 8) | b;
  }

  u24(): number | undefined {
    const at = this.take(3);
    if (at === undefined) return undefined;
    const [a, b, c] = [this.bytes[at], this.bytes[at + 1], this.bytes[at + 2]];
    return this.littleEndian ? a | (b << 8) | (c << 16) : (a << 16) | (b << 8) | c;
  }

  u32(): number | undefined {
    const at = this.take(4);
    if (at === undefined) return undefined;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + at, 4);
    return view.getUint32(0, this.littleEndian);
  }

  u64(): bigint | undefined {
    const at = this.take(8);
    if (at === undefined) return undefined;
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + at, 8);
    return view.getBigUint64(0, this.littleEndian);
  }

  /** A view (not a copy) of the next `count` bytes. */
  slice(count: number): Uint8Array | undefined {
    const at = this.take(count);
    return at === undefined ? undefined : this.bytes.subarray(at, at + count);
  }

  /** Everything left, as a view. */
  rest(): Uint8Array {
    const at = this.position;
    this.position = this.bytes.length;
    return this.bytes.subarray(Math.min(at, this.bytes.length));
  }

  skip(count: number): boolean {
    return this.take(count) !== undefined;
  }
}

/** Growable big-endian writer. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 64) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  get offset(): number {
    return this.length;
  }

  private reserve(count: number): number {
    if (this.length + count > this.buffer.length) {
      const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
      bigger.set(this.buffer.subarray(0, this.length));
      this.buffer = bigger;
    }
    const at = this.length;
    this.length += count;
    return at;
  }

  u8(value: number): this {
    this.buffer[this.reserve(1)] = value & 0xff;
    return this;
  }

  u16(value: number, littleEndian = false): this {
    const at = this.reserve(2);
    if (littleEndian) {
      this.buffer[at] = value & 0xff;
      this.buffer[at + 1] = (value >>> 8) & 0xff;
    } else {
      this.buffer[at] = (value >>> 8) & 0xff;
      this.buffer[at + 1] = value & 0xff;
    }
    return this;
  }

  u24(value: number): this {
    const at = this.reserve(3);
    this.buffer[at] = (value >>> 16) & 0xff;
    this.buffer[at + 1] = (value >>> 8) & 0xff;
    this.buffer[at + 2] = value & 0xff;
    return this;
  }

  u32(value: number, littleEndian = false): this {
    const at = this.reserve(4);
    new DataView(this.buffer.buffer, at, 4).setUint32(0, value >>> 0, littleEndian);
    return this;
  }

  u64(value: bigint, littleEndian = false): this {
    const at = this.reserve(8);
    new DataView(this.buffer.buffer, at, 8).setBigUint64(0, BigInt.asUintN(64, value), littleEndian);
    return this;
  }

  bytes(value: Uint8Array): this {
    this.buffer.set(value, this.reserve(value.length));
    return this;
  }

  /** Overwrite a 16-bit big-endian value already written (checksums, lengths). */
  patchU16(at: number, value: number): this {
    if (at < 0 || at + 2 > this.length) throw new Error(`patchU16 out of range: ${at}`);
    this.buffer[at] = (value >>> 8) & 0xff;
    this.buffer[at + 1] = value & 0xff;
    return this;
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Concatenate byte arrays into a fresh one. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Lower-case hex, optionally with a separator between bytes. */
export function toHex(bytes: Uint8Array, separator = ''): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && separator) text += separator;
    text += bytes[i].toString(16).padStart(2, '0');
  }
  return text;
}

/** Parse hex, ignoring whitespace; an odd digit count or a non-hex character is an error value. */
export function fromHex(text: string): Result<Uint8Array> {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) return fail(`odd number of hex digits (${digits.length})`);
  if (!/^[0-9a-fA-F]*$/.test(digits)) return fail('invalid hex character');
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return ok(out);
}

/** For tests and constants written by us: hex that must be valid. */
export function hexBytes(text: string): Uint8Array {
  const parsed = fromHex(text);
  if (!parsed.ok) throw new Error(`hexBytes: ${parsed.error}`);
  return parsed.value;
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}
