// STF names → P4Info entities, and STF values → the canonical entries of
// src/sim/entries.ts. STF writes names as they appear in the P4 program
// (`ipv4_lpm`, `ingress.ipv4_lpm`, `dstAddr`); P4Info has fully qualified names
// (`MyIngress.ipv4_lpm`). bmv2stf.py resolves tables and actions by exact name
// first, then by name suffix, an ambiguous suffix being an error; key fields
// by exact name, `$N` as `[N]`, validity forms, then suffix after a dot. We add
// the P4Info alias and prefer a suffix at a dot boundary before a raw suffix
// (`lpm` must not be ambiguous because of `ipv4_lpm` when `x.lpm` exists).

import { fail, ok, type Result } from '../../packet/bytes.js';
import type { ActionInvocation, FieldMatch } from '../entries.js';
import type { StfKey, StfMatchValue, StfNumber } from './ast.js';
import type { StfActionArgument } from './target.js';

export type P4MatchType = 'exact' | 'lpm' | 'ternary' | 'range' | 'optional';

export interface P4InfoPreamble {
  id: number;
  name: string;
  alias?: string;
}

/** The parts of P4Info (p4/config/v1/p4info.proto) the resolution needs, in protobufjs object form. */
export interface P4InfoView {
  tables: {
    preamble: P4InfoPreamble;
    /** matchType: enum name ("EXACT"), lower-case name, or enum number (EXACT=2 LPM=3 TERNARY=4 RANGE=5 OPTIONAL=6). */
    matchFields: { id: number; name: string; bitwidth: number; matchType: string | number }[];
    actionRefs: { id: number }[];
  }[];
  actions: { preamble: P4InfoPreamble; params: { id: number; name: string; bitwidth: number }[] }[];
  counters?: { preamble: P4InfoPreamble; size?: number | string }[];
  directCounters?: { preamble: P4InfoPreamble; directTableId: number }[];
}

export type P4InfoTableView = P4InfoView['tables'][number];
export type P4InfoActionView = P4InfoView['actions'][number];
export type P4InfoMatchFieldView = P4InfoTableView['matchFields'][number];

const matchTypeNumbers: Record<number, P4MatchType> = { 2: 'exact', 3: 'lpm', 4: 'ternary', 5: 'range', 6: 'optional' };

export function matchTypeOf(field: P4InfoMatchFieldView): P4MatchType | undefined {
  if (typeof field.matchType === 'number') return matchTypeNumbers[field.matchType];
  const name = field.matchType.toLowerCase();
  return (['exact', 'lpm', 'ternary', 'range', 'optional'] as const).find((type) => type === name);
}

/** Exact name, exact alias, suffix at a dot, raw suffix; the first stage with matches decides. */
export function resolveName<T extends { preamble: P4InfoPreamble }>(candidates: T[], wanted: string, what: string): Result<T> {
  const stages: ((entity: T) => boolean)[] = [
    (entity) => entity.preamble.name === wanted,
    (entity) => entity.preamble.alias === wanted,
    (entity) => entity.preamble.name.endsWith(`.${wanted}`),
    (entity) => entity.preamble.name.endsWith(wanted),
  ];
  for (const stage of stages) {
    const found = candidates.filter(stage);
    if (found.length === 1) return ok(found[0]);
    if (found.length > 1) return fail(`${what} name "${wanted}" is ambiguous between ${found.map((entity) => entity.preamble.name).join(' and ')}`);
  }
  return fail(`no ${what} named "${wanted}"`);
}

export function findTable(p4info: P4InfoView, name: string): Result<P4InfoTableView> {
  return resolveName(p4info.tables, name, 'table');
}

/** Only the actions the table may use are candidates (bmv2stf actionByName). */
export function findAction(p4info: P4InfoView, table: P4InfoTableView, name: string): Result<P4InfoActionView> {
  const allowed = new Set(table.actionRefs.map((reference) => reference.id));
  const found = resolveName(p4info.actions.filter((action) => allowed.has(action.preamble.id)), name, 'action');
  return found.ok ? found : fail(`${found.error} in table ${table.preamble.name}`);
}

export function findMatchField(table: P4InfoTableView, stfName: string): Result<P4InfoMatchFieldView> {
  // bmv2stf: "a$3.b" names a header stack element "a[3].b".
  const key = stfName.replace(/^(.*)\$([0-9]+)(.*)$/, '$1[$2]$3');
  const validity = key.replace(/\.(\$valid\$|valid)$/, '');
  const forms = new Set([key, `${validity}.isValid()`, `${validity}.$valid$`]);
  const fields = table.matchFields;
  const exact = fields.filter((field) => forms.has(field.name));
  if (exact.length === 1) return ok(exact[0]);
  const suffix = fields.filter((field) => [...forms].some((form) => field.name.endsWith(`.${form}`)));
  if (suffix.length === 1) return ok(suffix[0]);
  if (suffix.length > 1) return fail(`key field "${stfName}" is ambiguous in table ${table.preamble.name}`);
  // A key renamed with @name("dstAddr") is shorter in P4Info than the expression STF may write.
  const shorter = fields.filter((field) => [...forms].some((form) => form.endsWith(`.${field.name}`)));
  if (shorter.length === 1) return ok(shorter[0]);
  return fail(`table ${table.preamble.name} has no key field "${stfName}"`);
}

function ones(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

function fits(number: StfNumber, width: number, what: string): Result<bigint> {
  return number.value > ones(width) ? fail(`${what} value ${number.text} does not fit in ${width} bits`) : ok(number.value);
}

/** Ternary mask of a literal: explicit `*` digits, else the written digits (bmv2stf makeMask), else all bits. */
function writtenMask(number: StfNumber, width: number): bigint {
  if (number.mask !== undefined) return number.mask & ones(width);
  if (number.writtenBits > 0) return ones(Math.min(number.writtenBits, width));
  return ones(width);
}

/** STF value for one key field → P4Runtime-canonical FieldMatch (entries.ts). */
export function convertMatch(field: P4InfoMatchFieldView, match: StfMatchValue): Result<FieldMatch> {
  const type = matchTypeOf(field);
  const width = field.bitwidth;
  const where = `key ${field.name}`;
  if (!type) return fail(`${where}: unsupported match type ${String(field.matchType)}`);
  if (match.kind === 'range') {
    if (type !== 'range') return fail(`${where}: a range needs a range key, not ${type}`);
    const low = fits(match.low, width, where);
    const high = fits(match.high, width, where);
    if (!low.ok) return low;
    if (!high.ok) return high;
    return low.value === 0n && high.value === ones(width) ? ok({ kind: 'wildcard' }) : ok({ kind: 'range', low: low.value, high: high.value });
  }
  const value = fits(match.number, width, where);
  if (!value.ok) return value;
  let mask: bigint;
  if (match.kind === 'mask') {
    const explicit = fits(match.mask, width, `${where} mask`);
    if (!explicit.ok) return explicit;
    mask = explicit.value;
  } else if (match.kind === 'prefix') {
    if (match.prefixLength > width) return fail(`${where}: prefix length ${match.prefixLength} exceeds ${width} bits`);
    mask = ones(width) ^ ones(width - match.prefixLength);
  } else {
    mask = type === 'ternary' ? writtenMask(match.number, width) : (match.number.mask ?? ones(width)) & ones(width);
  }
  switch (type) {
    case 'exact':
    case 'optional':
      if (mask !== ones(width)) {
        if (type === 'optional' && mask === 0n) return ok({ kind: 'wildcard' });
        return fail(`${where}: ${type} match needs a fully specified value`);
      }
      return ok({ kind: type, value: value.value });
    case 'lpm': {
      const prefixLength = prefixLengthOf(mask, width);
      if (prefixLength === undefined) return fail(`${where}: mask is not a prefix`);
      // P4Runtime §9.1.1: a zero-length prefix is expressed by omitting the field.
      if (prefixLength === 0) return ok({ kind: 'wildcard' });
      return ok({ kind: 'lpm', value: value.value & mask, prefixLen: prefixLength });
    }
    case 'ternary':
      if (mask === 0n) return ok({ kind: 'wildcard' });
      return ok({ kind: 'ternary', value: value.value & mask, mask });
    case 'range':
      if (mask !== ones(width)) return fail(`${where}: range match needs LOW->HIGH or a single value`);
      return ok({ kind: 'range', low: value.value, high: value.value });
  }
}

function prefixLengthOf(mask: bigint, width: number): number | undefined {
  let length = 0;
  while (length < width && (mask >> BigInt(width - 1 - length)) & 1n) length++;
  return mask === (ones(width) ^ ones(width - length)) ? length : undefined;
}

export interface ResolvedEntry {
  tableId: number;
  /** In P4Info match-field order; omitted fields are wildcards (exact ones 0, as bmv2stf defaults them). */
  match: FieldMatch[];
  /** P4Runtime priority: STF priority + 1 (STF allows 0, P4Runtime needs ≥ 1); 0 if the table needs none. */
  priority: number;
}

export function resolveMatch(p4info: P4InfoView, tableName: string, keys: StfKey[], stfPriority?: number): Result<ResolvedEntry> {
  const table = findTable(p4info, tableName);
  if (!table.ok) return table;
  const match: FieldMatch[] = table.value.matchFields.map((field) =>
    matchTypeOf(field) === 'exact' ? { kind: 'exact', value: 0n } : { kind: 'wildcard' },
  );
  const seen = new Set<number>();
  for (const key of keys) {
    const field = findMatchField(table.value, key.field);
    if (!field.ok) return field;
    const index = table.value.matchFields.indexOf(field.value);
    if (seen.has(index)) return fail(`key field ${field.value.name} given twice`);
    seen.add(index);
    const converted = convertMatch(field.value, key.match);
    if (!converted.ok) return converted;
    match[index] = converted.value;
  }
  const needsPriority = table.value.matchFields.some((field) => ['ternary', 'range', 'optional'].includes(matchTypeOf(field) ?? ''));
  return ok({ tableId: table.value.preamble.id, match, priority: needsPriority ? (stfPriority ?? 0) + 1 : 0 });
}

export function resolveAction(p4info: P4InfoView, tableName: string, actionName: string, args: StfActionArgument[]): Result<ActionInvocation> {
  const table = findTable(p4info, tableName);
  if (!table.ok) return table;
  const action = findAction(p4info, table.value, actionName);
  if (!action.ok) return action;
  const params: bigint[] = [];
  for (const param of action.value.params) {
    const given = args.filter((arg) => arg.name === param.name);
    if (given.length !== 1) return fail(`action ${action.value.preamble.name}: parameter ${param.name} ${given.length ? 'given twice' : 'missing'}`);
    const value = fits(given[0].value, param.bitwidth, `parameter ${param.name}`);
    if (!value.ok) return value;
    if (given[0].value.mask !== undefined) return fail(`parameter ${param.name}: "*" digits are not allowed in action arguments`);
    params.push(value.value);
  }
  const unknown = args.find((arg) => !action.value.params.some((param) => param.name === arg.name));
  if (unknown) return fail(`action ${action.value.preamble.name} has no parameter ${unknown.name}`);
  return ok({ actionId: action.value.preamble.id, params });
}

export type ResolvedCounter =
  | { kind: 'indirect'; id: number; size?: number }
  | { kind: 'direct'; id: number; tableId: number };

export function resolveCounter(p4info: P4InfoView, name: string): Result<ResolvedCounter> {
  const all = [
    ...(p4info.counters ?? []).map((counter) => ({ preamble: counter.preamble, resolved: { kind: 'indirect' as const, id: counter.preamble.id, size: counter.size === undefined ? undefined : Number(counter.size) } })),
    ...(p4info.directCounters ?? []).map((counter) => ({ preamble: counter.preamble, resolved: { kind: 'direct' as const, id: counter.preamble.id, tableId: counter.directTableId } })),
  ];
  const found = resolveName(all, name, 'counter');
  return found.ok ? ok(found.value.resolved) : found;
}
