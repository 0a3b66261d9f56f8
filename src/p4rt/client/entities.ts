// Builders for P4Runtime entities by P4Info name, for the agent's fib/ (the
// one place that knows table and action names) and for tests. Values are
// bigint and go out as canonical bytestrings (P4Runtime 1.4 §8.3); names
// resolve through the P4Info index (fully qualified name or alias). A name
// that does not exist or a value that does not fit is an error value.

import { fitsUnsigned, toCanonical, bytesToBigint } from '../bytestring.js';
import { idOf, type P4InfoIndex } from '../p4info-index.js';
import type {
  ActionMessage, EntityMessage, FieldMatchMessage, PacketMessage, TableActionMessage, TableEntryMessage, UpdateMessage,
} from '../server/messages.js';

export type Built<T> = { ok: true; value: T } | { ok: false; error: string };

export type MatchValue =
  | { exact: bigint }
  | { lpm: bigint; prefixLength: number }
  | { ternary: bigint; mask: bigint }
  | { range: [low: bigint, high: bigint] }
  | { optional: bigint };

export interface ActionSpec {
  name: string;
  /** Parameter values by parameter name. */
  params?: Record<string, bigint>;
}

export interface TableEntrySpec {
  table: string;
  /** Values by match field name; omitted ternary/lpm/range/optional fields are don't-care. */
  match?: Record<string, MatchValue>;
  action?: ActionSpec | { memberId: number } | { groupId: number };
  priority?: number;
  isDefault?: boolean;
  controllerMetadata?: bigint;
  metadata?: Uint8Array;
  idleTimeoutNs?: bigint;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function value(field: string, bitwidth: number, number: bigint): Built<Uint8Array> {
  if (!fitsUnsigned(number, bitwidth)) return fail(`${field}: ${number} does not fit in ${bitwidth} bits`);
  return { ok: true, value: toCanonical(number) };
}

export function buildAction(index: P4InfoIndex, spec: ActionSpec): Built<ActionMessage> {
  const action = index.actions.get(idOf(index, spec.name));
  if (!action) return fail(`unknown action ${spec.name}`);
  const given = spec.params ?? {};
  for (const name of Object.keys(given)) {
    if (!action.params.some((param) => param.name === name)) return fail(`action ${spec.name} has no parameter ${name}`);
  }
  const params: { param_id: number; value: Uint8Array }[] = [];
  for (const param of action.params) {
    const number = given[param.name];
    if (number === undefined) return fail(`action ${spec.name}: parameter ${param.name} is missing`);
    const encoded = value(`${spec.name}.${param.name}`, param.bitwidth, number);
    if (!encoded.ok) return encoded;
    params.push({ param_id: param.id, value: encoded.value });
  }
  return { ok: true, value: { action_id: action.id, params } };
}

function buildMatch(field: string, bitwidth: number, id: number, match: MatchValue): Built<FieldMatchMessage> {
  const encode = (number: bigint) => value(field, bitwidth, number);
  if ('exact' in match) {
    const exact = encode(match.exact);
    return exact.ok ? { ok: true, value: { field_id: id, exact: { value: exact.value } } } : exact;
  }
  if ('optional' in match) {
    const optional = encode(match.optional);
    return optional.ok ? { ok: true, value: { field_id: id, optional: { value: optional.value } } } : optional;
  }
  if ('lpm' in match) {
    const lpm = encode(match.lpm);
    return lpm.ok ? { ok: true, value: { field_id: id, lpm: { value: lpm.value, prefix_len: match.prefixLength } } } : lpm;
  }
  if ('ternary' in match) {
    const ternary = encode(match.ternary);
    const mask = encode(match.mask);
    if (!ternary.ok) return ternary;
    if (!mask.ok) return mask;
    return { ok: true, value: { field_id: id, ternary: { value: ternary.value, mask: mask.value } } };
  }
  const low = encode(match.range[0]);
  const high = encode(match.range[1]);
  if (!low.ok) return low;
  if (!high.ok) return high;
  return { ok: true, value: { field_id: id, range: { low: low.value, high: high.value } } };
}

export function buildTableEntry(index: P4InfoIndex, spec: TableEntrySpec): Built<TableEntryMessage> {
  const table = index.tables.get(idOf(index, spec.table));
  if (!table) return fail(`unknown table ${spec.table}`);
  const entry: TableEntryMessage = { table_id: table.id };
  const matches: FieldMatchMessage[] = [];
  for (const [name, match] of Object.entries(spec.match ?? {})) {
    const field = table.matchFields.find((item) => item.name === name);
    if (!field) return fail(`table ${spec.table} has no match field ${name}`);
    const built = buildMatch(`${spec.table}.${name}`, field.bitwidth, field.id, match);
    if (!built.ok) return built;
    matches.push(built.value);
  }
  if (matches.length > 0) entry.match = matches;
  if (spec.action) {
    let action: TableActionMessage;
    if ('memberId' in spec.action) action = { action_profile_member_id: spec.action.memberId };
    else if ('groupId' in spec.action) action = { action_profile_group_id: spec.action.groupId };
    else {
      const built = buildAction(index, spec.action);
      if (!built.ok) return built;
      action = { action: built.value };
    }
    entry.action = action;
  }
  if (spec.priority) entry.priority = spec.priority;
  if (spec.isDefault) entry.is_default_action = true;
  if (spec.controllerMetadata) entry.controller_metadata = spec.controllerMetadata.toString();
  if (spec.metadata && spec.metadata.length > 0) entry.metadata = spec.metadata;
  if (spec.idleTimeoutNs) entry.idle_timeout_ns = spec.idleTimeoutNs.toString();
  return { ok: true, value: entry };
}

/** An Update of `type` for one entity. */
export function update(type: 'INSERT' | 'MODIFY' | 'DELETE', entity: EntityMessage): UpdateMessage {
  return { type, entity };
}

/** PacketOut with metadata by name (the packet_out controller header of the P4Info). */
export function buildPacketOut(index: P4InfoIndex, payload: Uint8Array, metadata: Record<string, bigint>): Built<PacketMessage> {
  const header = index.controllerPackets.get('packet_out');
  const out: { metadata_id: number; value: Uint8Array }[] = [];
  for (const [name, number] of Object.entries(metadata)) {
    const field = header?.metadata.find((item) => item.name === name);
    if (!field) return fail(`packet_out has no metadata ${name}`);
    const encoded = value(`packet_out.${name}`, field.bitwidth, number);
    if (!encoded.ok) return encoded;
    out.push({ metadata_id: field.id, value: encoded.value });
  }
  return { ok: true, value: { payload, metadata: out } };
}

/** PacketIn metadata by name; unknown ids are kept under `#<id>`. */
export function decodePacketIn(index: P4InfoIndex, packet: PacketMessage): { payload: Uint8Array; metadata: Record<string, bigint> } {
  const header = index.controllerPackets.get('packet_in');
  const metadata: Record<string, bigint> = {};
  for (const item of packet.metadata ?? []) {
    const field = header?.byId.get(item.metadata_id ?? 0);
    const bytes = item.value instanceof Uint8Array ? item.value : new Uint8Array(0);
    metadata[field?.name ?? `#${item.metadata_id ?? 0}`] = bytesToBigint(bytes);
  }
  return { payload: packet.payload instanceof Uint8Array ? packet.payload : new Uint8Array(0), metadata };
}
