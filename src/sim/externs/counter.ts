// Indexed counters (v1model `counter`) and the counting rule shared with
// direct counters. BMv2 keeps both packets and bytes whatever the declared
// CounterType (the type only limits what P4Info exposes), and counts the
// bytes the packet had when it was received (BMv2 Packet::get_ingress_length).

import type { CounterData } from '../entries.js';

export type CounterUnit = 'packets' | 'bytes' | 'both';

export function countPacket(data: CounterData, packetLength: number): void {
  data.packetCount += 1n;
  data.byteCount += BigInt(packetLength);
}

/**
 * Cells are kept as float64 counts (exact up to 2^53, years at line rate)
 * rather than bigints: counting is on the per-packet path, reading is not.
 */
export class CounterArray {
  private readonly packets: Float64Array;
  private readonly bytes: Float64Array;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly unit: CounterUnit = 'both',
  ) {
    this.packets = new Float64Array(size);
    this.bytes = new Float64Array(size);
  }

  /**
   * `count(index)`. BMv2 (behavioral-model#637) checks the bound: an
   * out-of-range index changes nothing and only logs. Returns false then.
   */
  count(index: number, packetLength: number): boolean {
    if (!(index >= 0 && index < this.size)) return false;
    this.packets[index] += 1;
    this.bytes[index] += packetLength;
    return true;
  }

  read(index: number): CounterData | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    return { byteCount: BigInt(this.bytes[index]), packetCount: BigInt(this.packets[index]) };
  }

  /** Control-plane write (P4Runtime CounterEntry modify). False when the index is out of range. */
  write(index: number, data: CounterData): boolean {
    if (!(index >= 0 && index < this.size)) return false;
    this.packets[index] = Number(data.packetCount);
    this.bytes[index] = Number(data.byteCount);
    return true;
  }

  reset(): void {
    this.packets.fill(0);
    this.bytes.fill(0);
  }
}
