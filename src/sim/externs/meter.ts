// Two-rate three-colour marker (RFC 2698, colour-blind mode) as BMv2's Meter
// implements it: one token bucket per rate, rates in units per microsecond,
// token counts derived from the time since the meter's origin (no drift from
// repeated interval rounding). Colours as v1model: GREEN=0, YELLOW=1, RED=2.
// An unconfigured meter marks every packet GREEN.

import type { MeterConfig } from '../entries.js';

export const GREEN = 0;
export const YELLOW = 1;
export const RED = 2;

export type MeterUnit = 'packets' | 'bytes';

interface Bucket {
  ratePerMicrosecond: number;
  burstSize: number;
  tokens: number;
  /** Tokens credited since the origin at the last update (integer). */
  tokensLast: number;
  color: number;
}

export class MeterState {
  /** Peak bucket first, then committed: RFC 2698 §3 tests Tp before Tc. */
  private buckets: Bucket[] | undefined;
  config: MeterConfig | undefined;

  constructor(readonly originMicroseconds = 0) {}

  /**
   * P4Runtime MeterConfig: rates in units per second, bursts in units.
   * BMv2 rejects a committed rate above the peak rate; so do we (returns false).
   */
  configure(config: MeterConfig | undefined): boolean {
    if (!config) {
      this.buckets = undefined;
      this.config = undefined;
      return true;
    }
    if (config.cir > config.pir) return false;
    const bucket = (rate: bigint, burst: bigint, color: number): Bucket => ({
      ratePerMicrosecond: Number(rate) / 1e6,
      burstSize: Number(burst),
      tokens: Number(burst),
      tokensLast: 0,
      color,
    });
    this.buckets = [bucket(config.pir, config.pburst, RED), bucket(config.cir, config.cburst, YELLOW)];
    this.config = config;
    return true;
  }

  /** RFC 2698 §3 (colour-blind): RED if Tp < B, else YELLOW if Tc < B, else GREEN. */
  execute(nowMicroseconds: number, input: number, preColor = GREEN): number {
    const buckets = this.buckets;
    if (!buckets) return preColor;
    const elapsed = Math.max(0, Math.floor(nowMicroseconds - this.originMicroseconds));
    let color = GREEN;
    for (const bucket of buckets) {
      const sinceOrigin = Math.floor(elapsed * bucket.ratePerMicrosecond);
      const fresh = Math.max(0, sinceOrigin - bucket.tokensLast);
      bucket.tokensLast = Math.max(bucket.tokensLast, sinceOrigin);
      bucket.tokens = Math.min(bucket.tokens + fresh, bucket.burstSize);
      if (bucket.tokens < input) {
        color = bucket.color;
        break;
      }
      bucket.tokens -= input;
    }
    return Math.max(color, preColor);
  }
}

/** v1model `meter(size, MeterType)`: an array of independently configured meters. */
export class MeterArray {
  readonly cells: MeterState[];

  constructor(
    readonly name: string,
    readonly size: number,
    readonly unit: MeterUnit,
    originMicroseconds = 0,
  ) {
    this.cells = Array.from({ length: size }, () => new MeterState(originMicroseconds));
  }

  /**
   * `execute_meter(index, out result)`. Out-of-range: BMv2 changes nothing and
   * leaves the destination as it was, so we return undefined.
   */
  execute(index: number, nowMicroseconds: number, packetLength: number): number | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    return this.cells[index].execute(nowMicroseconds, this.unit === 'packets' ? 1 : packetLength);
  }

  configure(index: number, config: MeterConfig | undefined): boolean {
    if (!(index >= 0 && index < this.size)) return false;
    return this.cells[index].configure(config);
  }

  readConfig(index: number): MeterConfig | undefined {
    return this.cells[index]?.config;
  }
}
