// Digest lists (P4Runtime 1.4 §9.8 "DigestEntry"): buffer digest messages
// per digest id until max_list_size distinct messages or max_timeout_ns,
// then send one DigestList; remember sent messages until acknowledged or
// ack_timeout_ns old, and drop duplicates of anything buffered or cached.
// Clock and timer are injected so tests run deterministically.

import type { DigestConfig, DigestValue } from '../target.js';

export interface DigestListOut {
  digestId: number;
  listId: bigint;
  data: DigestValue[];
  timestampNs: bigint;
}

export interface DigestClock {
  nowNs(): bigint;
  /** Calls `callback` after `delayNs`; returns a cancel function. */
  schedule(delayNs: bigint, callback: () => void): () => void;
}

interface Buffer {
  messages: DigestValue[];
  keys: Set<string>;
  firstAtNs: bigint;
  cancelTimer?: () => void;
}

interface CacheEntry { keys: string[]; sentAtNs: bigint }

function keyOf(value: DigestValue): string {
  return value.kind === 'bitstring' ? value.value.toString(16) : `(${value.members.map(keyOf).join(',')})`;
}

export const systemDigestClock: DigestClock = {
  nowNs: () => BigInt(Date.now()) * 1_000_000n,
  schedule(delayNs, callback) {
    const timer = setTimeout(callback, Number(delayNs / 1_000_000n));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export class DigestLists {
  private buffers = new Map<number, Buffer>();
  /** digestId → listId → messages sent and not yet acknowledged. */
  private cache = new Map<number, Map<bigint, CacheEntry>>();
  private nextListId = 1n;

  constructor(
    private readonly configOf: (digestId: number) => DigestConfig | undefined,
    private readonly send: (list: DigestListOut) => void,
    private readonly clock: DigestClock = systemDigestClock,
  ) {}

  /** A digest message from the data plane. */
  receive(digestId: number, value: DigestValue): void {
    const config = this.configOf(digestId);
    if (!config) return;
    const now = this.clock.nowNs();
    this.expireCache(digestId, config, now);
    const key = keyOf(value);
    const cached = this.cache.get(digestId);
    if (cached) for (const entry of cached.values()) if (entry.keys.includes(key)) return;
    let buffer = this.buffers.get(digestId);
    if (buffer?.keys.has(key)) return;
    if (!buffer) {
      buffer = { messages: [], keys: new Set(), firstAtNs: now };
      this.buffers.set(digestId, buffer);
    }
    buffer.messages.push(value);
    buffer.keys.add(key);
    // §9.8: max_timeout_ns 0 and/or max_list_size 1 → one list per message; max_list_size 0 → no size limit.
    if ((config.maxListSize > 0 && buffer.messages.length >= config.maxListSize) || config.maxTimeoutNs === 0n) {
      this.flush(digestId);
    } else if (!buffer.cancelTimer) {
      buffer.cancelTimer = this.clock.schedule(config.maxTimeoutNs, () => this.flush(digestId));
    }
  }

  /** Sends the buffered messages of one digest as a DigestList. */
  flush(digestId: number): void {
    const buffer = this.buffers.get(digestId);
    if (!buffer || buffer.messages.length === 0) return;
    buffer.cancelTimer?.();
    this.buffers.delete(digestId);
    const config = this.configOf(digestId);
    const listId = this.nextListId++;
    const now = this.clock.nowNs();
    // "If ack_timeout_ns is set to 0, the cache must always be an empty set."
    if (config && config.ackTimeoutNs > 0n) {
      let lists = this.cache.get(digestId);
      if (!lists) this.cache.set(digestId, (lists = new Map()));
      lists.set(listId, { keys: [...buffer.keys], sentAtNs: now });
    }
    this.send({ digestId, listId, data: buffer.messages, timestampNs: now });
  }

  /** DigestListAck from the primary: forget that list. Returns false for an unknown digest id. */
  acknowledge(digestId: number, listId: bigint): void {
    this.cache.get(digestId)?.delete(listId);
  }

  private expireCache(digestId: number, config: DigestConfig, now: bigint): void {
    const lists = this.cache.get(digestId);
    if (!lists) return;
    for (const [listId, entry] of lists) if (now - entry.sentAtNs >= config.ackTimeoutNs) lists.delete(listId);
  }

  /** Forgets everything (pipeline change, primary change: "may empty the digest message cache"). */
  reset(): void {
    for (const buffer of this.buffers.values()) buffer.cancelTimer?.();
    this.buffers.clear();
    this.cache.clear();
  }
}
