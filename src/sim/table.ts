// Match engine of one P4 table over the control-plane state of entries.ts.
//
// Lookup structure by key shape:
// - only exact fields: one hash map on the key string;
// - exact fields plus one lpm field: one hash map per prefix length, probed
//   from the longest length present (P4_16 §14.2.1.2: the longest prefix wins);
// - any ternary/range/optional field (or several lpm fields): entries kept in
//   priority order, first match wins (P4Runtime §9.1: larger priority wins).
// Key values from the pipeline may be numbers or bigints; both print the same
// decimal string, which is what the hash maps are keyed on.

import type { ActionInvocation, FieldMatch, MeterConfig, TableEntryState } from './entries.js';
import { countPacket } from './externs/counter.js';
import { MeterState } from './externs/meter.js';

export type MatchKind = 'exact' | 'lpm' | 'ternary' | 'range' | 'optional';

export interface MatchFieldSpec {
  name: string;
  kind: MatchKind;
  width: number;
}

export interface TableSpec {
  tableId: number;
  name: string;
  fields: MatchFieldSpec[];
  /** The program's default action (P4_16 §14.2.1.3); NoAction when absent. */
  defaultAction: ActionInvocation;
  /** `const default_action`: the control plane cannot change it. */
  defaultActionIsConst?: boolean;
  /** Table capacity (`size`); inserts beyond it fail with RESOURCE_EXHAUSTED. */
  size?: number;
  hasDirectCounter?: boolean;
  hasDirectMeter?: boolean;
}

export type TableWriteError = {
  code: 'ALREADY_EXISTS' | 'NOT_FOUND' | 'RESOURCE_EXHAUSTED' | 'INVALID_ARGUMENT' | 'PERMISSION_DENIED';
  message: string;
};

export type TableWriteResult = { ok: true } | { ok: false; error: TableWriteError };

const OK: TableWriteResult = { ok: true };

function fail(code: TableWriteError['code'], message: string): TableWriteResult {
  return { ok: false, error: { code, message } };
}

function hex(value: bigint): string {
  return value.toString(16);
}

/** A match field normalized so that every "matches anything" form compares equal. */
function isWildcard(match: FieldMatch, width: number): boolean {
  switch (match.kind) {
    case 'wildcard':
      return true;
    case 'lpm':
      return match.prefixLen === 0;
    case 'ternary':
      return match.mask === 0n;
    case 'range':
      return match.low === 0n && match.high === (1n << BigInt(width)) - 1n;
    default:
      return false;
  }
}

/**
 * Canonical identity of an entry: its match fields and priority (P4Runtime
 * §9.1: an entry is identified by its match key and priority).
 */
export function entryKeyString(match: readonly FieldMatch[], priority: number, fields?: readonly MatchFieldSpec[]): string {
  const parts: string[] = [];
  for (let i = 0; i < match.length; i++) {
    const field = match[i];
    if (isWildcard(field, fields?.[i]?.width ?? 0)) {
      parts.push('*');
      continue;
    }
    switch (field.kind) {
      case 'exact':
        parts.push(`e${hex(field.value)}`);
        break;
      case 'lpm':
        parts.push(`l${hex(field.value)}/${field.prefixLen}`);
        break;
      case 'ternary':
        parts.push(`t${hex(field.value)}&${hex(field.mask)}`);
        break;
      case 'range':
        parts.push(`r${hex(field.low)}-${hex(field.high)}`);
        break;
      case 'optional':
        parts.push(`o${hex(field.value)}`);
        break;
      case 'wildcard':
        parts.push('*');
        break;
    }
  }
  return `${parts.join(',')}#${priority}`;
}

export type LookupKey = readonly (bigint | number)[];

const HEX = '0123456789abcdef';

/** The first `prefixLen` bits of a zero-padded hex string, as hex digits (the last one masked). */
function hexPrefix(hex: string, prefixLen: number): string {
  const digits = (prefixLen + 3) >> 2;
  const partial = prefixLen & 3;
  if (partial === 0) return hex.slice(0, digits);
  const last = parseInt(hex[digits - 1], 16) & ((0xf << (4 - partial)) & 0xf);
  return hex.slice(0, digits - 1) + HEX[last];
}

type Strategy = 'exact' | 'lpm' | 'ordered';

/** A compiled test of one field against one key value (ordered strategy). */
type FieldTest = (value: bigint | number) => boolean;

interface OrderedEntry {
  entry: TableEntryState;
  tests: { index: number; test: FieldTest }[];
  sequence: number;
}

/**
 * A test of one key field. Fields of at most 32 bits are tested on JS numbers
 * (the pipeline's representation), wider ones on bigints.
 */
function compileFieldTest(match: FieldMatch, width: number): FieldTest | undefined {
  if (isWildcard(match, width)) return undefined;
  if (width <= 32) return compileNumberFieldTest(match, width);
  switch (match.kind) {
    case 'exact':
    case 'optional': {
      const expected = match.value;
      return (value) => BigInt(value) === expected;
    }
    case 'lpm': {
      const mask = ((1n << BigInt(match.prefixLen)) - 1n) << BigInt(width - match.prefixLen);
      const expected = match.value & mask;
      return (value) => (BigInt(value) & mask) === expected;
    }
    case 'ternary': {
      const { value: expected, mask } = match;
      return (value) => (BigInt(value) & mask) === (expected & mask);
    }
    case 'range': {
      const { low, high } = match;
      return (value) => value >= low && value <= high;
    }
    case 'wildcard':
      return undefined;
  }
}

function compileNumberFieldTest(match: FieldMatch, width: number): FieldTest | undefined {
  const number = (v: bigint | number) => (typeof v === 'bigint' ? Number(v) : v);
  switch (match.kind) {
    case 'exact':
    case 'optional': {
      const expected = Number(match.value);
      return (value) => number(value) === expected;
    }
    case 'lpm': {
      const mask = ((0xffffffff << (32 - match.prefixLen)) >>> 0) >>> (32 - width);
      const expected = (Number(match.value) & mask) >>> 0;
      return (value) => ((number(value) & mask) >>> 0) === expected;
    }
    case 'ternary': {
      const mask = Number(match.mask);
      const expected = (Number(match.value) & mask) >>> 0;
      return (value) => ((number(value) & mask) >>> 0) === expected;
    }
    case 'range': {
      const low = Number(match.low);
      const high = Number(match.high);
      return (value) => number(value) >= low && number(value) <= high;
    }
    case 'wildcard':
      return undefined;
  }
}

export class MatchTable {
  readonly strategy: Strategy;
  private readonly byKey = new Map<string, TableEntryState>();
  private readonly exactMap = new Map<string | number, TableEntryState>();
  /** One match field of at most 32 bits: maps are keyed by the number itself (no string building per lookup). */
  private readonly singleSmallField: boolean;
  /** Single wide lpm field (IPv6): keyed by the hex digits of the prefix, so a lookup converts the key to text once. */
  private readonly hexLpm: boolean;
  /** lpm strategy with a single small field: the mask of each probed prefix length, in probe order. */
  private lpmMasks: number[] = [];
  /** lpm strategy: prefix length → (exact parts + masked lpm value) → entry. */
  private readonly lpmMaps = new Map<number, Map<string | number, TableEntryState>>();
  private lpmLengths: number[] = [];
  private readonly lpmIndex: number;
  private ordered: OrderedEntry[] = [];
  private sequence = 0;
  private defaultInvocation: ActionInvocation;
  private readonly meters = new WeakMap<TableEntryState, MeterState>();

  constructor(readonly spec: TableSpec) {
    this.defaultInvocation = spec.defaultAction;
    const kinds = spec.fields.map((f) => f.kind);
    const lpmCount = kinds.filter((k) => k === 'lpm').length;
    const onlyExactOrLpm = kinds.every((k) => k === 'exact' || k === 'lpm');
    this.lpmIndex = kinds.indexOf('lpm');
    this.strategy = onlyExactOrLpm && lpmCount === 0 ? 'exact' : onlyExactOrLpm && lpmCount === 1 ? 'lpm' : 'ordered';
    // Exact keys up to 53 bits (48-bit MAC addresses) are exact as floats; lpm masks use 32-bit integer ops.
    this.singleSmallField = spec.fields.length === 1 && spec.fields[0].width <= (this.strategy === 'exact' ? 53 : 32);
    this.hexLpm = this.strategy === 'lpm' && spec.fields.length === 1 && spec.fields[0].width > 32 && spec.fields[0].width % 4 === 0;
  }

  get size(): number {
    return this.byKey.size;
  }

  get defaultAction(): ActionInvocation {
    return this.defaultInvocation;
  }

  /** Control-plane change of the default action (P4Runtime §9.1.3: MODIFY of the default entry). */
  setDefaultAction(action: ActionInvocation): TableWriteResult {
    if (this.spec.defaultActionIsConst) return fail('PERMISSION_DENIED', `default action of ${this.spec.name} is const`);
    this.defaultInvocation = action;
    return OK;
  }

  /** Back to the program's default action (P4Runtime: MODIFY with no action, or a reset). */
  resetDefaultAction(): void {
    this.defaultInvocation = this.spec.defaultAction;
  }

  private keyOf(match: readonly FieldMatch[], priority: number): string {
    return entryKeyString(match, priority, this.spec.fields);
  }

  get(match: readonly FieldMatch[], priority: number): TableEntryState | undefined {
    return this.byKey.get(this.keyOf(match, priority));
  }

  insert(entry: TableEntryState): TableWriteResult {
    if (entry.match.length !== this.spec.fields.length) {
      return fail('INVALID_ARGUMENT', `${this.spec.name}: expected ${this.spec.fields.length} match fields, got ${entry.match.length}`);
    }
    const key = this.keyOf(entry.match, entry.priority);
    if (this.byKey.has(key)) return fail('ALREADY_EXISTS', `${this.spec.name}: entry already exists`);
    if (this.spec.size !== undefined && this.byKey.size >= this.spec.size) {
      return fail('RESOURCE_EXHAUSTED', `${this.spec.name}: table full (${this.spec.size} entries)`);
    }
    this.byKey.set(key, entry);
    this.index(entry);
    if (entry.meterConfig) this.meterOf(entry);
    return OK;
  }

  /** Replaces the action (and other data) of an existing entry, keeping its counters. */
  modify(entry: TableEntryState): TableWriteResult {
    const key = this.keyOf(entry.match, entry.priority);
    const existing = this.byKey.get(key);
    if (!existing) return fail('NOT_FOUND', `${this.spec.name}: no such entry`);
    if (existing.isConst) return fail('PERMISSION_DENIED', `${this.spec.name}: const entries cannot be modified`);
    existing.action = entry.action;
    existing.controllerMetadata = entry.controllerMetadata;
    existing.metadata = entry.metadata;
    existing.idleTimeoutNs = entry.idleTimeoutNs;
    if (entry.meterConfig !== existing.meterConfig) {
      existing.meterConfig = entry.meterConfig;
      this.meters.delete(existing);
    }
    return OK;
  }

  delete(match: readonly FieldMatch[], priority: number): TableWriteResult {
    const key = this.keyOf(match, priority);
    const existing = this.byKey.get(key);
    if (!existing) return fail('NOT_FOUND', `${this.spec.name}: no such entry`);
    if (existing.isConst) return fail('PERMISSION_DENIED', `${this.spec.name}: const entries cannot be deleted`);
    this.byKey.delete(key);
    this.unindex(existing);
    return OK;
  }

  /** Removes every non-const entry (pipeline reconfiguration, reset). */
  clear(): void {
    for (const entry of [...this.byKey.values()]) {
      if (!entry.isConst) this.delete(entry.match, entry.priority);
    }
  }

  /** Removes every entry, const ones included (pipeline reset). */
  clearAll(): void {
    this.byKey.clear();
    this.exactMap.clear();
    this.lpmMaps.clear();
    this.lpmLengths = [];
    this.lpmMasks = [];
    this.ordered = [];
  }

  /** Entries in insertion order, for P4Runtime reads. */
  entries(): IterableIterator<TableEntryState> {
    return this.byKey.values();
  }

  private sortLengths(): void {
    this.lpmLengths = [...this.lpmMaps.keys()].sort((a, b) => b - a);
    const width = this.spec.fields[this.lpmIndex]?.width ?? 0;
    this.lpmMasks = this.lpmLengths.map((length) => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> (32 - width)));
  }

  private lpmKey(match: readonly FieldMatch[], prefixLen: number, value: bigint): string | number {
    if (this.singleSmallField) return Number(value);
    if (this.hexLpm) return hexPrefix(value.toString(16).padStart(this.spec.fields[0].width / 4, '0'), prefixLen);
    return this.exactPart(match) + value.toString();
  }

  private exactKey(match: readonly FieldMatch[]): string | number {
    const field = match[0];
    if (this.singleSmallField && field?.kind === 'exact') return Number(field.value);
    return this.exactPart(match);
  }

  private exactPart(match: readonly FieldMatch[]): string {
    let key = '';
    for (let i = 0; i < match.length; i++) {
      if (i === this.lpmIndex) continue;
      const field = match[i];
      key += (field.kind === 'exact' ? field.value.toString() : '') + ',';
    }
    return key;
  }

  private index(entry: TableEntryState): void {
    if (this.strategy === 'exact') {
      this.exactMap.set(this.exactKey(entry.match), entry);
    } else if (this.strategy === 'lpm') {
      const lpm = entry.match[this.lpmIndex];
      const prefixLen = lpm.kind === 'lpm' ? lpm.prefixLen : 0;
      const value = lpm.kind === 'lpm' && prefixLen > 0 ? lpm.value : 0n;
      let map = this.lpmMaps.get(prefixLen);
      if (!map) {
        map = new Map();
        this.lpmMaps.set(prefixLen, map);
        this.sortLengths();
      }
      map.set(this.lpmKey(entry.match, prefixLen, value), entry);
    } else {
      const tests: OrderedEntry['tests'] = [];
      entry.match.forEach((field, index) => {
        const test = compileFieldTest(field, this.spec.fields[index].width);
        if (test) tests.push({ index, test });
      });
      const ordered: OrderedEntry = { entry, tests, sequence: this.sequence++ };
      // Stable: among equal priorities the earlier insertion stays first.
      let position = this.ordered.length;
      while (position > 0 && this.ordered[position - 1].entry.priority < entry.priority) position--;
      this.ordered.splice(position, 0, ordered);
    }
  }

  private unindex(entry: TableEntryState): void {
    if (this.strategy === 'exact') {
      this.exactMap.delete(this.exactKey(entry.match));
    } else if (this.strategy === 'lpm') {
      const lpm = entry.match[this.lpmIndex];
      const prefixLen = lpm.kind === 'lpm' ? lpm.prefixLen : 0;
      const value = lpm.kind === 'lpm' && prefixLen > 0 ? lpm.value : 0n;
      const map = this.lpmMaps.get(prefixLen);
      map?.delete(this.lpmKey(entry.match, prefixLen, value));
      if (map && map.size === 0) {
        this.lpmMaps.delete(prefixLen);
        this.sortLengths();
      }
    } else {
      this.ordered = this.ordered.filter((o) => o.entry !== entry);
    }
  }

  /** The matching entry for a key (values in match-field order), or undefined on a miss. */
  lookup(key: LookupKey): TableEntryState | undefined {
    if (this.strategy === 'exact') {
      if (this.singleSmallField) {
        const value = key[0];
        return this.exactMap.get(typeof value === 'bigint' ? Number(value) : value);
      }
      let text = '';
      for (let i = 0; i < key.length; i++) text += key[i].toString() + ',';
      return this.exactMap.get(text);
    }
    if (this.strategy === 'lpm') {
      if (this.singleSmallField) {
        const raw = key[0];
        const value = typeof raw === 'bigint' ? Number(raw) : raw;
        const lengths = this.lpmLengths;
        for (let i = 0; i < lengths.length; i++) {
          const hit = this.lpmMaps.get(lengths[i])!.get((value & this.lpmMasks[i]) >>> 0);
          if (hit) return hit;
        }
        return undefined;
      }
      if (this.hexLpm) {
        const hex = BigInt(key[0]).toString(16).padStart(this.spec.fields[0].width / 4, '0');
        for (const prefixLen of this.lpmLengths) {
          const hit = this.lpmMaps.get(prefixLen)!.get(hexPrefix(hex, prefixLen));
          if (hit) return hit;
        }
        return undefined;
      }
      let exact = '';
      for (let i = 0; i < key.length; i++) if (i !== this.lpmIndex) exact += key[i].toString() + ',';
      const width = this.spec.fields[this.lpmIndex].width;
      const raw = key[this.lpmIndex];
      for (const prefixLen of this.lpmLengths) {
        const map = this.lpmMaps.get(prefixLen)!;
        let masked: string;
        if (typeof raw === 'number' && width <= 32) {
          const mask = prefixLen === 0 ? 0 : ((0xffffffff << (32 - prefixLen)) >>> 0) >>> (32 - width);
          masked = ((raw & mask) >>> 0).toString();
        } else {
          const big = BigInt(raw);
          const mask = ((1n << BigInt(prefixLen)) - 1n) << BigInt(width - prefixLen);
          masked = (big & mask).toString();
        }
        const hit = map.get(exact + masked);
        if (hit) return hit;
      }
      return undefined;
    }
    for (const candidate of this.ordered) {
      let matches = true;
      for (const { index, test } of candidate.tests) {
        if (!test(key[index])) {
          matches = false;
          break;
        }
      }
      if (matches) return candidate.entry;
    }
    return undefined;
  }

  /** Book-keeping of a hit: direct counter (packets and bytes, as BMv2) and idle-timeout clock. */
  recordHit(entry: TableEntryState, packetLength: number, nowNs: bigint): void {
    if (this.spec.hasDirectCounter) countPacket(entry.counter, packetLength);
    entry.lastHitNs = nowNs;
  }

  private meterOf(entry: TableEntryState): MeterState {
    let state = this.meters.get(entry);
    if (!state || state.config !== entry.meterConfig) {
      state = new MeterState(0);
      state.configure(entry.meterConfig as MeterConfig | undefined);
      this.meters.set(entry, state);
    }
    return state;
  }

  /** Direct meter of the entry (v1model direct_meter.read): GREEN when unconfigured. */
  executeDirectMeter(entry: TableEntryState, nowMicroseconds: number, input: number): number {
    if (!entry.meterConfig) return 0;
    return this.meterOf(entry).execute(nowMicroseconds, input);
  }
}
