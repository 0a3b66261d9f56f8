// Build the P4InfoView the resolver needs from a plain P4Info object in either
// field naming: proto names (`match_fields`, as src/p4c/p4info emits and the
// protobuf JSON printer with preserved names writes) or lowerCamelCase
// (`matchFields`, protobufjs objects and the canonical JSON mapping).
// Malformed input is an error value naming the first bad element.

import { fail, ok, type Result } from '../../packet/bytes.js';
import type { P4InfoPreamble, P4InfoView } from './resolve.js';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object.match_fields ?? object.matchFields` */
function field(object: Plain, snakeName: string): unknown {
  const camelName = snakeName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return object[snakeName] ?? object[camelName];
}

function list(object: Plain, snakeName: string): unknown[] {
  const value = field(object, snakeName);
  return Array.isArray(value) ? value : [];
}

/** int32 as number; int64 may arrive as number, decimal string, bigint or a Long-like object. */
function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (isPlain(value) && typeof value.toNumber === 'function') return (value.toNumber as () => number)();
  return undefined;
}

function preamble(object: unknown, where: string): Result<P4InfoPreamble> {
  const raw = isPlain(object) ? field(object, 'preamble') : undefined;
  if (!isPlain(raw)) return fail(`${where}: missing preamble`);
  const id = integer(raw.id);
  if (id === undefined || typeof raw.name !== 'string') return fail(`${where}: preamble needs id and name`);
  return ok({ id, name: raw.name, alias: typeof raw.alias === 'string' && raw.alias !== '' ? raw.alias : undefined });
}

export function toP4InfoView(p4info: unknown): Result<P4InfoView> {
  if (!isPlain(p4info)) return fail('P4Info: not an object');
  const view: P4InfoView = { tables: [], actions: [], counters: [], directCounters: [] };
  for (const [index, table] of list(p4info, 'tables').entries()) {
    const head = preamble(table, `tables[${index}]`);
    if (!head.ok) return head;
    const matchFields: P4InfoView['tables'][number]['matchFields'] = [];
    for (const match of list(table as Plain, 'match_fields')) {
      if (!isPlain(match)) return fail(`table ${head.value.name}: bad match field`);
      const id = integer(match.id);
      const bitwidth = integer(match.bitwidth);
      const matchType = field(match, 'match_type') ?? field(match, 'other_match_type');
      if (id === undefined || typeof match.name !== 'string' || bitwidth === undefined || (typeof matchType !== 'string' && typeof matchType !== 'number')) {
        return fail(`table ${head.value.name}: match field needs id, name, bitwidth and match type`);
      }
      matchFields.push({ id, name: match.name, bitwidth, matchType });
    }
    const actionRefs = list(table as Plain, 'action_refs').flatMap((reference) => {
      const id = isPlain(reference) ? integer(reference.id) : undefined;
      return id === undefined ? [] : [{ id }];
    });
    view.tables.push({ preamble: head.value, matchFields, actionRefs });
  }
  for (const [index, action] of list(p4info, 'actions').entries()) {
    const head = preamble(action, `actions[${index}]`);
    if (!head.ok) return head;
    const params: P4InfoView['actions'][number]['params'] = [];
    for (const param of list(action as Plain, 'params')) {
      const id = isPlain(param) ? integer(param.id) : undefined;
      const bitwidth = isPlain(param) ? integer(param.bitwidth) : undefined;
      if (!isPlain(param) || id === undefined || bitwidth === undefined || typeof param.name !== 'string') {
        return fail(`action ${head.value.name}: parameter needs id, name and bitwidth`);
      }
      params.push({ id, name: param.name, bitwidth });
    }
    view.actions.push({ preamble: head.value, params });
  }
  for (const [index, counter] of list(p4info, 'counters').entries()) {
    const head = preamble(counter, `counters[${index}]`);
    if (!head.ok) return head;
    view.counters!.push({ preamble: head.value, size: integer(field(counter as Plain, 'size')) });
  }
  for (const [index, counter] of list(p4info, 'direct_counters').entries()) {
    const head = preamble(counter, `direct_counters[${index}]`);
    if (!head.ok) return head;
    const tableId = integer(field(counter as Plain, 'direct_table_id'));
    if (tableId === undefined) return fail(`direct counter ${head.value.name}: missing direct_table_id`);
    view.directCounters!.push({ preamble: head.value, directTableId: tableId });
  }
  return ok(view);
}
