// Minimal protobuf wire-format cursor over a Uint8Array (protobuf encoding
// spec: varint, 64-bit, length-delimited and 32-bit wire types). Used by the
// hand-written WriteRequest decoder, which must not allocate per field:
// every read returns a number or a view, and malformed input sets `failed`
// instead of throwing (the caller then answers with a value).

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

const two32 = 4294967296;

export class WireReader {
  pos: number;
  /** Set on truncated or malformed input; every later read returns 0 / empty. */
  failed = false;

  constructor(readonly bytes: Uint8Array, start: number, readonly end: number) {
    this.pos = start;
  }

  more(): boolean {
    return !this.failed && this.pos < this.end;
  }

  /** Marks the input malformed (e.g. a nested message ran past its parent). */
  invalid(): void {
    this.fail();
  }

  private fail(): number {
    this.failed = true;
    this.pos = this.end;
    return 0;
  }

  /**
   * Varint as a double: exact up to 2^53, which covers every tag, length,
   * uint32/int32/enum/bool field. Larger values are only used as 64-bit
   * fields, read through `varintBig`.
   */
  varint(): number {
    const bytes = this.bytes;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) return this.fail();
      const byte = bytes[this.pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    return this.fail();
  }

  /** uint32 field: the low 32 bits (protobuf truncates wider varints). */
  uint32(): number {
    const start = this.pos;
    const value = this.varint();
    if (value <= Number.MAX_SAFE_INTEGER) return value % two32 >>> 0;
    this.pos = start;
    return Number(BigInt.asUintN(32, this.varintBig(false)));
  }

  /** int32 field: negative values travel as 10-byte varints; the low 32 bits carry the sign. */
  int32(): number {
    const start = this.pos;
    const value = this.varint();
    if (value <= Number.MAX_SAFE_INTEGER) return value % two32 | 0;
    // Beyond 2^53 the double lost the low bits: re-read exactly.
    this.pos = start;
    return Number(BigInt.asIntN(32, this.varintBig(false)));
  }

  /** 64-bit varint as bigint (signed: int64 two's complement). */
  varintBig(signed: boolean): bigint {
    const bytes = this.bytes;
    let value = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) {
        this.fail();
        return 0n;
      }
      const byte = bytes[this.pos++];
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return signed ? BigInt.asIntN(64, value) : BigInt.asUintN(64, value);
      shift += 7n;
    }
    this.fail();
    return 0n;
  }

  /** uint64 / int64 field, with a Number fast path for small values (the common case). */
  long(signed: boolean): bigint {
    const start = this.pos;
    const bytes = this.bytes;
    // Up to 7 bytes hold 49 bits: exact as a double.
    for (let i = 0; i < 7 && start + i < this.end; i++) {
      if (bytes[start + i] < 0x80) return BigInt(this.varint());
    }
    return this.varintBig(signed);
  }

  /** Length of a length-delimited field, checked against the end. */
  length(): number {
    const length = this.varint();
    if (this.failed || length > this.end - this.pos) return this.fail();
    return length;
  }

  /** Length-delimited field as a view (no copy). */
  bytesView(): Uint8Array {
    const length = this.length();
    const view = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + this.pos, length);
    this.pos += length;
    return view;
  }

  string(): string {
    const length = this.length();
    const text = decoder.decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }

  /** Skips a field of the given wire type (groups are not used by proto3 and are rejected). */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint: this.varint(); return;
      case WireType.fixed64: this.advance(8); return;
      case WireType.lengthDelimited: this.advance(this.length()); return;
      case WireType.fixed32: this.advance(4); return;
      default: this.fail();
    }
  }

  private advance(count: number): void {
    if (count > this.end - this.pos) this.fail();
    else this.pos += count;
  }
}

const decoder = new TextDecoder('utf-8');
