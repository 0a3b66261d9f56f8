// The `entries` / `const entries` of tables as one P4Runtime WriteRequest of
// INSERT updates, like p4c's --p4runtime-entries-files output, so a target or
// a controller can install (or compare against) the entries a program starts
// with. Values are P4Runtime bytestrings of the key's width (spec, "Bytestrings").
//
// Deliberate difference from p4c: field and parameter ids are the P4Info ids
// (p4c numbers them 1..n, ignoring @id), so the entries are valid against the
// P4Info they come with.

import type { Diagnostics } from '../diagnostics.js';
import { widthOf, type IrKeyset, type IrProgram, type IrTable, type IrTableEntry, type Value } from '../ir.js';
import { valueBytes } from './typespec.js';
import type { P4InfoObject, Table } from './types.js';

/** p4.v1.FieldMatch in project conventions. */
export interface FieldMatchObject {
  field_id: number;
  exact?: { value: Uint8Array };
  ternary?: { value: Uint8Array; mask: Uint8Array };
  lpm?: { value: Uint8Array; prefix_len: number };
  range?: { low: Uint8Array; high: Uint8Array };
  optional?: { value: Uint8Array };
}

/** p4.v1.TableEntry as written for static entries. */
export interface StaticTableEntry {
  table_id: number;
  match?: FieldMatchObject[];
  action: { action: { action_id: number; params?: { param_id: number; value: Uint8Array }[] } };
  priority?: number;
  is_const?: boolean;
}

/** p4.v1.WriteRequest with INSERT updates. */
export interface StaticEntriesRequest {
  updates?: { type: 'INSERT'; entity: { table_entry: StaticTableEntry } }[];
}

function asBigInt(value: Value): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return undefined;
}

const allOnes = (width: number) => (1n << BigInt(width)) - 1n;

/** P4Runtime TableEntry match rules: a don't-care (`_`, all-zero mask, full range) is left out. */
function fieldMatch(fieldId: number, matchKind: string, width: number, keyset: IrKeyset): FieldMatchObject | undefined | 'unsupported' {
  if (keyset.kind === 'default') return matchKind === 'exact' ? 'unsupported' : undefined;
  if (keyset.kind === 'valueSet') return 'unsupported';
  const bytes = (value: bigint) => valueBytes(value, width);
  if (keyset.kind === 'value') {
    const value = asBigInt(keyset.value);
    if (value === undefined) return 'unsupported';
    switch (matchKind) {
      case 'exact':
        return { field_id: fieldId, exact: { value: bytes(value) } };
      case 'optional':
        return { field_id: fieldId, optional: { value: bytes(value) } };
      case 'lpm':
        return { field_id: fieldId, lpm: { value: bytes(value), prefix_len: width } };
      case 'ternary':
        return { field_id: fieldId, ternary: { value: bytes(value), mask: bytes(allOnes(width)) } };
      case 'range':
        return { field_id: fieldId, range: { low: bytes(value), high: bytes(value) } };
      default:
        return 'unsupported';
    }
  }
  if (keyset.kind === 'mask') {
    const value = asBigInt(keyset.value);
    const mask = asBigInt(keyset.mask);
    if (value === undefined || mask === undefined) return 'unsupported';
    if (mask === 0n) return undefined;
    if (matchKind === 'ternary') return { field_id: fieldId, ternary: { value: bytes(value & mask), mask: bytes(mask) } };
    if (matchKind === 'lpm') {
      const prefix = BigInt.asUintN(width, mask).toString(2).padStart(width, '0');
      if (!/^1*0*$/.test(prefix)) return 'unsupported';
      return { field_id: fieldId, lpm: { value: bytes(value & mask), prefix_len: prefix.indexOf('0') === -1 ? width : prefix.indexOf('0') } };
    }
    return 'unsupported';
  }
  const low = asBigInt(keyset.low);
  const high = asBigInt(keyset.high);
  if (matchKind !== 'range' || low === undefined || high === undefined) return 'unsupported';
  if (low === 0n && high === allOnes(width)) return undefined;
  return { field_id: fieldId, range: { low: bytes(low), high: bytes(high) } };
}

/** P4Runtime TableEntry: a priority is needed as soon as one key is ternary, range or optional. */
function needsPriority(table: IrTable): boolean {
  return table.keys.some((key) => key.matchKind === 'ternary' || key.matchKind === 'range' || key.matchKind === 'optional');
}

function convertEntry(program: IrProgram, info: P4InfoObject, table: IrTable, p4infoTable: Table, entry: IrTableEntry, position: number, diagnostics: Diagnostics): StaticTableEntry | undefined {
  const isConstTable = table.entries?.isConst ?? false;
  const result: StaticTableEntry = { table_id: p4infoTable.preamble!.id!, action: { action: { action_id: 0 } } };
  const matches: FieldMatchObject[] = [];
  const fields = p4infoTable.match_fields ?? [];
  let fieldIndex = 0;
  for (const [index, key] of table.keys.entries()) {
    if (key.matchKind === 'selector') continue;
    const field = fields[fieldIndex++];
    const match = fieldMatch(field?.id ?? fieldIndex, key.matchKind, key.width, entry.keysets[index] ?? { kind: 'default' });
    if (match === 'unsupported') {
      diagnostics.error(entry.loc, `${table.controlPlaneName}: this ${key.matchKind} key value has no P4Runtime form`);
      return undefined;
    }
    if (match) matches.push(match);
  }
  if (matches.length) result.match = matches;

  const action = program.actions[entry.action.action];
  const p4infoAction = info.actions?.find((candidate) => candidate.preamble?.name === action.controlPlaneName);
  if (!p4infoAction) throw new Error(`static entry action ${action.controlPlaneName} missing from P4Info`);
  result.action.action.action_id = p4infoAction.preamble!.id!;
  const params = action.params.filter((param) => param.direction === 'none');
  const values = params.flatMap((param, index) => {
    const value = asBigInt(entry.action.args[index]);
    const id = p4infoAction.params?.[index]?.id ?? index + 1;
    return value === undefined ? [] : [{ param_id: id, value: valueBytes(value, widthOf(param.type) ?? 0) }];
  });
  if (values.length) result.action.action.params = values;

  if (needsPriority(table)) {
    // P4_16 spec §14.2.1.4: const entries match in program order; P4Runtime's
    // larger priority wins, so the first of N entries gets N, the last 1.
    if (entry.priority !== undefined) result.priority = entry.priority;
    else if (isConstTable) result.priority = (table.entries?.entries.length ?? 0) - position;
    else diagnostics.error(entry.loc, `${table.controlPlaneName}: entry needs a priority`);
  }
  if (isConstTable || entry.isConst) result.is_const = true;
  return result;
}

/** INSERT updates for the initial entries of every table in `info`, in P4Info table order. */
export function emitStaticEntries(program: IrProgram, info: P4InfoObject, diagnostics: Diagnostics): StaticEntriesRequest {
  const updates: NonNullable<StaticEntriesRequest['updates']> = [];
  for (const p4infoTable of info.tables ?? []) {
    const table = program.tables.find((candidate) => candidate.controlPlaneName === p4infoTable.preamble?.name);
    if (!table?.entries) continue;
    table.entries.entries.forEach((entry, position) => {
      const converted = convertEntry(program, info, table, p4infoTable, entry, position, diagnostics);
      if (converted) updates.push({ type: 'INSERT', entity: { table_entry: converted } });
    });
  }
  return updates.length ? { updates } : {};
}
