// Target-independent index over a P4Info message (P4Runtime 1.4 §6 "The P4Info
// Message"): lookups by id and by name/alias, match-field and parameter widths,
// direct resources per table. Built once per pipeline; used by the server to
// validate requests and by clients to build them by name. The input is the
// P4Info as a plain object (P4InfoObject, src/p4rt/proto.ts conventions); a
// malformed P4Info is reported as a value so SetForwardingPipelineConfig can
// answer INVALID_ARGUMENT.

export type MatchKind = 'exact' | 'lpm' | 'ternary' | 'range' | 'optional' | 'other';
export type ActionScope = 'TABLE_AND_DEFAULT' | 'TABLE_ONLY' | 'DEFAULT_ONLY';
export type MeterType = 'TWO_RATE_THREE_COLOR' | 'SINGLE_RATE_THREE_COLOR' | 'SINGLE_RATE_TWO_COLOR';

export interface MatchFieldInfo { id: number; name: string; bitwidth: number; kind: MatchKind; position: number }
export interface ParamInfo { id: number; name: string; bitwidth: number; position: number }
export interface ActionInfo { id: number; name: string; alias: string; params: ParamInfo[]; paramById: Map<number, ParamInfo> }
export interface TableInfo {
  id: number;
  name: string;
  alias: string;
  matchFields: MatchFieldInfo[];
  matchFieldById: Map<number, MatchFieldInfo>;
  actionScopes: Map<number, ActionScope>;
  constDefaultActionId: number;
  implementationId: number;
  directCounterId: number;
  directMeterId: number;
  size: number;
  supportsIdleTimeout: boolean;
  isConstTable: boolean;
  hasInitialEntries: boolean;
  /** §9.1: priority must be non-zero iff the key has a ternary, range or optional field. */
  needsPriority: boolean;
}
export interface ActionProfileInfo {
  id: number;
  name: string;
  tableIds: number[];
  withSelector: boolean;
  size: number;
  maxGroupSize: number;
  /** selector_size_semantics: sumOfMembers (else sum_of_weights, the default). */
  sumOfMembers: boolean;
  maxMemberWeight: number;
}
export interface IndexedExternInfo { id: number; name: string; size: number }
export interface MeterInfo extends IndexedExternInfo { type: MeterType }
export interface DirectResourceInfo { id: number; name: string; tableId: number; type?: MeterType }
export interface RegisterInfo extends IndexedExternInfo { bitwidth: number }
export interface PacketMetadataInfo { id: number; name: string; bitwidth: number }
export interface ControllerPacketInfo { id: number; name: string; metadata: PacketMetadataInfo[]; byId: Map<number, PacketMetadataInfo> }
export interface ValueSetInfo { id: number; name: string; matchFields: MatchFieldInfo[]; matchFieldById: Map<number, MatchFieldInfo>; size: number }
export interface DigestInfo { id: number; name: string; typeSpec: unknown }

export interface P4InfoIndex {
  tables: Map<number, TableInfo>;
  actions: Map<number, ActionInfo>;
  actionProfiles: Map<number, ActionProfileInfo>;
  counters: Map<number, IndexedExternInfo>;
  directCounters: Map<number, DirectResourceInfo>;
  meters: Map<number, MeterInfo>;
  directMeters: Map<number, DirectResourceInfo>;
  registers: Map<number, RegisterInfo>;
  valueSets: Map<number, ValueSetInfo>;
  digests: Map<number, DigestInfo>;
  /** Keyed by controller header name: "packet_in", "packet_out". */
  controllerPackets: Map<string, ControllerPacketInfo>;
  /** Every object by fully qualified name and by alias. */
  idByName: Map<string, number>;
}

export type IndexResult = { ok: true; index: P4InfoIndex } | { ok: false; message: string };

type Plain = Record<string, any>;

const matchKindByEnum: Record<string | number, MatchKind> = {
  2: 'exact', 3: 'lpm', 4: 'ternary', 5: 'range', 6: 'optional',
  EXACT: 'exact', LPM: 'lpm', TERNARY: 'ternary', RANGE: 'range', OPTIONAL: 'optional',
};
const scopes: ActionScope[] = ['TABLE_AND_DEFAULT', 'TABLE_ONLY', 'DEFAULT_ONLY'];
const meterTypes: MeterType[] = ['TWO_RATE_THREE_COLOR', 'SINGLE_RATE_THREE_COLOR', 'SINGLE_RATE_TWO_COLOR'];

function list(value: unknown): Plain[] {
  return Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : [];
}
function number(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (value && typeof value === 'object' && 'low' in value) return Number((value as { low: number }).low >>> 0);
  return 0;
}
function enumOf<T>(value: unknown, names: T[]): T {
  if (typeof value === 'number') return names[value] ?? names[0];
  return names.includes(value as T) ? (value as T) : names[0];
}

function matchFields(raw: unknown, owner: string, problems: string[]): MatchFieldInfo[] {
  return list(raw).map((field, position) => {
    const kind = field.other_match_type ? 'other' : matchKindByEnum[field.match_type];
    if (!kind) problems.push(`${owner}: match field ${field.name ?? field.id} has no match type`);
    const bitwidth = number(field.bitwidth);
    // Bitwidth 0 is legal only for a type translated to an SDN string (§8.4 "User-defined types", `type_name` set); writes to it are refused.
    if (bitwidth <= 0 && kind !== 'other' && !field.type_name) problems.push(`${owner}: match field ${field.name ?? field.id} has no bitwidth`);
    return { id: number(field.id), name: String(field.name ?? ''), bitwidth, kind: kind ?? 'other', position };
  });
}

export function buildP4InfoIndex(p4info: Plain | null | undefined): IndexResult {
  if (!p4info || typeof p4info !== 'object') return { ok: false, message: 'P4Info is missing' };
  const problems: string[] = [];
  const index: P4InfoIndex = {
    tables: new Map(), actions: new Map(), actionProfiles: new Map(), counters: new Map(),
    directCounters: new Map(), meters: new Map(), directMeters: new Map(), registers: new Map(),
    valueSets: new Map(), digests: new Map(), controllerPackets: new Map(), idByName: new Map(),
  };
  const seenIds = new Set<number>();
  const preamble = (raw: Plain, kind: string): { id: number; name: string; alias: string } => {
    const id = number(raw.preamble?.id);
    const name = String(raw.preamble?.name ?? '');
    const alias = String(raw.preamble?.alias ?? '') || name;
    if (id === 0) problems.push(`${kind} ${name || '?'} has id 0 (reserved, P4Runtime §6.3)`);
    else if (seenIds.has(id)) problems.push(`${kind} ${name} reuses id ${id}`);
    seenIds.add(id);
    if (name) index.idByName.set(name, id);
    if (alias) index.idByName.set(alias, id);
    return { id, name, alias };
  };

  for (const raw of list(p4info.actions)) {
    const { id, name, alias } = preamble(raw, 'action');
    const params = list(raw.params).map((param, position) => ({
      id: number(param.id), name: String(param.name ?? ''), bitwidth: number(param.bitwidth), position,
    }));
    index.actions.set(id, { id, name, alias, params, paramById: new Map(params.map((param) => [param.id, param])) });
  }
  for (const raw of list(p4info.tables)) {
    const { id, name, alias } = preamble(raw, 'table');
    const fields = matchFields(raw.match_fields, `table ${name}`, problems);
    const actionScopes = new Map<number, ActionScope>();
    for (const ref of list(raw.action_refs)) {
      const actionId = number(ref.id);
      if (!index.actions.has(actionId)) problems.push(`table ${name} refers to unknown action ${actionId}`);
      actionScopes.set(actionId, enumOf(ref.scope, scopes));
    }
    index.tables.set(id, {
      id, name, alias,
      matchFields: fields,
      matchFieldById: new Map(fields.map((field) => [field.id, field])),
      actionScopes,
      constDefaultActionId: number(raw.const_default_action_id),
      implementationId: number(raw.implementation_id),
      directCounterId: 0,
      directMeterId: 0,
      size: number(raw.size),
      supportsIdleTimeout: raw.idle_timeout_behavior === 'NOTIFY_CONTROL' || raw.idle_timeout_behavior === 1,
      isConstTable: raw.is_const_table === true,
      hasInitialEntries: raw.has_initial_entries === true,
      needsPriority: fields.some((field) => field.kind === 'ternary' || field.kind === 'range' || field.kind === 'optional'),
    });
  }
  for (const raw of list(p4info.action_profiles)) {
    const { id, name } = preamble(raw, 'action profile');
    index.actionProfiles.set(id, {
      id, name,
      tableIds: Array.isArray(raw.table_ids) ? raw.table_ids.map(number) : [],
      withSelector: raw.with_selector === true,
      size: number(raw.size),
      maxGroupSize: number(raw.max_group_size),
      sumOfMembers: raw.sum_of_members !== undefined && raw.sum_of_members !== null,
      maxMemberWeight: number(raw.sum_of_members?.max_member_weight),
    });
  }
  for (const raw of list(p4info.counters)) {
    const { id, name } = preamble(raw, 'counter');
    index.counters.set(id, { id, name, size: number(raw.size) });
  }
  for (const raw of list(p4info.meters)) {
    const { id, name } = preamble(raw, 'meter');
    index.meters.set(id, { id, name, size: number(raw.size), type: enumOf(raw.spec?.type, meterTypes) });
  }
  for (const [key, target, field] of [
    ['direct_counters', index.directCounters, 'directCounterId'],
    ['direct_meters', index.directMeters, 'directMeterId'],
  ] as const) {
    for (const raw of list(p4info[key])) {
      const { id, name } = preamble(raw, key);
      const tableId = number(raw.direct_table_id);
      const table = index.tables.get(tableId);
      if (!table) problems.push(`${name} is attached to unknown table ${tableId}`);
      else table[field] = id;
      target.set(id, { id, name, tableId, type: key === 'direct_meters' ? enumOf(raw.spec?.type, meterTypes) : undefined });
    }
  }
  for (const raw of list(p4info.registers)) {
    const { id, name } = preamble(raw, 'register');
    const bitwidth = number(raw.type_spec?.bitstring?.bit?.bitwidth);
    index.registers.set(id, { id, name, size: number(raw.size), bitwidth });
  }
  for (const raw of list(p4info.value_sets)) {
    const { id, name } = preamble(raw, 'value set');
    const fields = matchFields(raw.match, `value set ${name}`, problems);
    index.valueSets.set(id, {
      id, name, matchFields: fields, matchFieldById: new Map(fields.map((field) => [field.id, field])), size: number(raw.size),
    });
  }
  for (const raw of list(p4info.digests)) {
    const { id, name } = preamble(raw, 'digest');
    index.digests.set(id, { id, name, typeSpec: raw.type_spec });
  }
  for (const raw of list(p4info.controller_packet_metadata)) {
    const { id, name } = preamble(raw, 'controller packet metadata');
    const metadata = list(raw.metadata).map((item) => ({
      id: number(item.id), name: String(item.name ?? ''), bitwidth: number(item.bitwidth),
    }));
    index.controllerPackets.set(name, { id, name, metadata, byId: new Map(metadata.map((item) => [item.id, item])) });
  }
  for (const table of index.tables.values()) {
    if (table.implementationId !== 0 && !index.actionProfiles.has(table.implementationId)) {
      problems.push(`table ${table.name} uses unknown implementation ${table.implementationId}`);
    }
  }
  if (problems.length > 0) return { ok: false, message: problems.slice(0, 5).join('; ') };
  return { ok: true, index };
}

/** Id of a table, action, extern… by fully qualified name or alias (0 if unknown). */
export function idOf(index: P4InfoIndex, name: string): number {
  return index.idByName.get(name) ?? 0;
}
