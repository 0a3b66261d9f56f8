// P4Info from the checked program (P4Runtime spec, "P4Info Specification"), with the ids,
// names, defaults and object order p4c's v1model back-end produces, so that a
// controller can use either compiler's P4Info against either target.

import { Diagnostics } from '../diagnostics.js';
import type { Loc } from '../ast.js';
import { widthOf, type IrAction, type IrExternInstance, type IrProgram, type IrTable, type IrTableKey } from '../ir.js';
import { annotationFields, documentation, findAnnotation, hasAnnotation, isHidden, localName } from './annotations.js';
import { preamble, type Context, type EmitOptions } from './context.js';
import { emitActionProfile, emitCounter, emitDirectCounter, emitDirectMeter, emitMeter, emitRegister } from './externs.js';
import { allocateFieldIds, valueShape } from './fields.js';
import { emitPackageInfo } from './package.js';
import { collectObjects, type ControllerHeader } from './symbols.js';
import { TypeSpecConverter, valueBytes } from './typespec.js';
import type {
  Action,
  ActionProfile,
  ActionRef,
  ControllerPacketMetadata,
  Counter,
  DirectCounter,
  DirectMeter,
  MatchField,
  MatchType,
  Meter,
  P4InfoObject,
  Preamble,
  Register,
  Table,
  ValueSet,
} from './types.js';

export type { EmitOptions } from './context.js';

/** p4c: `P4V1::V1Model::instance.tableAttributes.defaultTableSize`, used when `size` is absent or 0. */
export const DEFAULT_TABLE_SIZE = 1024;

const MATCH_TYPES: Record<string, MatchType> = { exact: 'EXACT', lpm: 'LPM', ternary: 'TERNARY', range: 'RANGE', optional: 'OPTIONAL' };

export function emitP4Info(program: IrProgram, diagnostics: Diagnostics, options: EmitOptions = {}): P4InfoObject {
  const objects = collectObjects(program, diagnostics);
  const context: Context = { program, diagnostics, symbols: objects.symbols, types: new TypeSpecConverter(program.errors), options };
  const info: P4InfoObject = {};
  const main = program.main !== undefined ? program.packages[program.main] : undefined;
  if (main && main.typeName !== 'V1Switch') {
    diagnostics.warning(main.loc, `P4Info follows p4c's v1model conventions; a ${main.typeName} program may need its architecture's own`);
  }
  // Like p4c: pkg_info describes the `main` package; without one there is nothing to describe.
  if (program.main !== undefined) info.pkg_info = emitPackageInfo(program, options, options.arch ?? 'v1model');
  else diagnostics.warning({ file: '', line: 0, col: 0 }, "program has no 'main' package, so P4Info's pkg_info is not set");

  const tables: Table[] = [];
  const directCounters: DirectCounter[] = [];
  const directMeters: DirectMeter[] = [];
  for (const table of objects.tables) {
    if (isHidden(table.annotations)) continue;
    const resources = tableResources(context, table);
    tables.push(emitTable(context, table, resources));
    // Direct resources are listed with the table that owns them, as p4c does.
    for (const counter of resources.counters) directCounters.push(emitDirectCounter(context, counter, table));
    for (const meter of resources.meters) directMeters.push(emitDirectMeter(context, meter, table));
  }
  const actions = objects.actions.filter((action) => !isHidden(action.annotations)).map((action) => emitAction(context, action));

  const actionProfiles: ActionProfile[] = [];
  const counters: Counter[] = [];
  const meters: Meter[] = [];
  const registers: Register[] = [];
  for (const instance of objects.instances) {
    if (isHidden(instance.annotations)) continue;
    switch (instance.externType) {
      case 'action_profile':
      case 'action_selector':
        actionProfiles.push(emitActionProfile(context, instance, objects.tables));
        break;
      case 'counter':
        counters.push(emitCounter(context, instance));
        break;
      case 'meter':
        meters.push(emitMeter(context, instance));
        break;
      case 'register':
        registers.push(emitRegister(context, instance));
        break;
    }
  }
  const controllerMetadata = objects.controllerHeaders
    .filter((header) => !isHidden(header.type.annotations))
    .map((header) => emitControllerHeader(context, header));
  const valueSets = objects.valueSets.filter((set) => !isHidden(set.annotations)).map((set) => emitValueSet(context, set));
  const digests = program.digests.map((digest) => {
    const converted = context.types.convert(digest.type);
    if (!converted.spec) diagnostics.error(digest.loc, `digest ${digest.name}: ${converted.unsupported}`);
    return { preamble: preamble(context, 'digest', digest.name, []), ...(converted.spec ? { type_spec: converted.spec } : {}) };
  });

  if (tables.length) info.tables = tables;
  if (actions.length) info.actions = actions;
  if (actionProfiles.length) info.action_profiles = actionProfiles;
  if (counters.length) info.counters = counters;
  if (directCounters.length) info.direct_counters = directCounters;
  if (meters.length) info.meters = meters;
  if (directMeters.length) info.direct_meters = directMeters;
  if (controllerMetadata.length) info.controller_packet_metadata = controllerMetadata;
  if (valueSets.length) info.value_sets = valueSets;
  if (registers.length) info.registers = registers;
  if (digests.length) info.digests = digests;
  // p4c creates type_info (possibly empty) as soon as it serializes a table, an
  // action parameter, an extern instance, packet metadata or a digest.
  const touchesTypeInfo =
    tables.length > 0 ||
    actions.some((action) => action.params?.length) ||
    objects.instances.length > 0 ||
    controllerMetadata.some((header) => header.metadata?.length) ||
    digests.length > 0 ||
    Object.keys(context.types.info).length > 0;
  if (touchesTypeInfo) info.type_info = context.types.info;
  reportDuplicateNames(program, info, diagnostics);
  return info;
}


function emitMatchField(context: Context, key: IrTableKey, id: number): MatchField {
  const field: MatchField = { id, name: key.name, ...annotationFields(key.annotations) };
  const shape = valueShape(key.expr.type, context.types);
  // p4c treats `error` keys as strings (width 0); other keys carry their width.
  // A `type` key translated to a string has no width; other keys carry theirs.
  const translated = key.expr.type.kind === 'bit' && shape.type_name !== undefined;
  const width = key.expr.type.kind === 'error' ? 0 : translated ? shape.bitwidth ?? 0 : shape.bitwidth ?? key.width;
  if (width) field.bitwidth = width;
  const standard = MATCH_TYPES[key.matchKind];
  if (standard) field.match_type = standard;
  else field.other_match_type = key.matchKind;
  Object.assign(field, documentation(key.annotations));
  if (shape.type_name && key.expr.type.kind === 'bit') field.type_name = shape.type_name;
  return field;
}

interface TableResources {
  implementation?: IrExternInstance;
  counters: IrExternInstance[];
  meters: IrExternInstance[];
}

/** The table's implementation and direct resources, each checked to be of the extern type P4Runtime expects. */
function tableResources(context: Context, table: IrTable): TableResources {
  const pick = (index: number, types: string[], property: string): IrExternInstance[] => {
    const instance = context.program.instances[index];
    if (instance && types.includes(instance.externType)) return [instance];
    context.diagnostics.error(table.loc, `${table.controlPlaneName}: ${property} must be ${types.join(' or ')}`);
    return [];
  };
  const implementation = table.implementation === undefined ? [] : pick(table.implementation, ['action_profile', 'action_selector'], 'implementation');
  return {
    implementation: implementation[0],
    counters: table.directCounters.flatMap((index) => pick(index, ['direct_counter'], 'counters')),
    meters: table.directMeters.flatMap((index) => pick(index, ['direct_meter'], 'meters')),
  };
}

function emitTable(context: Context, table: IrTable, resources: TableResources): Table {
  const { program, symbols } = context;
  const result: Table = { preamble: preamble(context, 'table', table.controlPlaneName, table.annotations) };
  // `selector` keys feed the action selector's hash; the controller never sees them.
  const fieldIds = allocateFieldIds(table.keys, context.diagnostics);
  const matchFields = table.keys.flatMap((key, position) => (key.matchKind === 'selector' ? [] : [emitMatchField(context, key, fieldIds[position])]));
  if (matchFields.length) result.match_fields = matchFields;
  const actionRefs: ActionRef[] = table.actions.map((ref) => {
    const action = program.actions[ref.action];
    const actionRef: ActionRef = { id: symbols.id('action', action.controlPlaneName) };
    // p4c takes the scope from the annotations on the reference in the actions
    // list only (not from the action's declaration).
    const tableOnly = hasAnnotation(ref.annotations, 'tableonly');
    const defaultOnly = hasAnnotation(ref.annotations, 'defaultonly');
    if (tableOnly && defaultOnly) {
      context.diagnostics.error(table.loc, `${table.controlPlaneName}: action ${action.controlPlaneName} is both @tableonly and @defaultonly`);
    } else if (tableOnly) {
      actionRef.scope = 'TABLE_ONLY';
    } else if (defaultOnly) {
      actionRef.scope = 'DEFAULT_ONLY';
    }
    return { ...actionRef, ...annotationFields(ref.annotations) };
  });
  if (actionRefs.length) result.action_refs = actionRefs;
  const defaultAction = program.actions[table.defaultAction.action];
  if (table.defaultAction.isConst) result.const_default_action_id = symbols.id('action', defaultAction.controlPlaneName);
  // P4Runtime v1.4: current p4c writes the initial default action of every table, const or not.
  if (context.options.initialDefaultAction !== false) {
    result.initial_default_action = initialDefaultAction(context, defaultAction, table.defaultAction.args);
  }
  if (resources.implementation) result.implementation_id = symbols.id('actionProfile', resources.implementation.controlPlaneName);
  const direct = [
    ...resources.counters.map((counter) => symbols.id('directCounter', counter.controlPlaneName)),
    ...resources.meters.map((meter) => symbols.id('directMeter', meter.controlPlaneName)),
  ];
  if (direct.length) result.direct_resource_ids = direct;
  result.size = String(table.size ? table.size : DEFAULT_TABLE_SIZE);
  if (table.supportTimeout) result.idle_timeout_behavior = 'NOTIFY_CONTROL';
  if (table.entries?.isConst) result.is_const_table = true;
  if (table.entries && table.entries.entries.length > 0) result.has_initial_entries = true;
  return result;
}

/** The default action call with its arguments as P4Runtime bytestrings (spec, "Bytestrings"), ids as in the Action's params. */
function initialDefaultAction(context: Context, action: IrAction, args: IrTable['defaultAction']['args']): Table['initial_default_action'] {
  const params = action.params.filter((param) => param.direction === 'none');
  const ids = allocateFieldIds(params, new Diagnostics()); // problems are reported with the action itself
  const argumentsList = params.flatMap((param, position) => {
    const value = args[position];
    const width = widthOf(param.type) ?? 0;
    const number = typeof value === 'boolean' ? BigInt(value) : typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : undefined;
    return number === undefined ? [] : [{ param_id: ids[position], value: valueBytes(number, width) }];
  });
  const call: NonNullable<Table['initial_default_action']> = { action_id: context.symbols.id('action', action.controlPlaneName) };
  if (argumentsList.length) call.arguments = argumentsList;
  return call;
}

function emitAction(context: Context, action: IrAction): Action {
  const result: Action = { preamble: preamble(context, 'action', action.controlPlaneName, action.annotations) };
  // Directional parameters are bound in the program; only the others are control-plane data.
  const params = action.params.filter((param) => param.direction === 'none');
  const ids = allocateFieldIds(params, context.diagnostics);
  if (params.length) {
    result.params = params.map((param, position) => ({
      id: ids[position],
      name: localName(param.name, param.annotations),
      ...annotationFields(param.annotations),
      ...valueShape(param.type, context.types),
      ...documentation(param.annotations),
    }));
  }
  return result;
}


function emitControllerHeader(context: Context, header: ControllerHeader): ControllerPacketMetadata {
  const fields = header.type.fields;
  const ids = allocateFieldIds(fields, context.diagnostics);
  const metadata = fields.flatMap((field, position) =>
    isHidden(field.annotations)
      ? []
      : [{ id: ids[position], name: localName(field.name, field.annotations), ...annotationFields(field.annotations), ...valueShape(field.type, context.types) }],
  );
  const result: ControllerPacketMetadata = { preamble: preamble(context, 'controllerHeader', header.type.name, header.type.annotations, header.name) };
  if (metadata.length) result.metadata = metadata;
  return result;
}

function emitValueSet(context: Context, set: IrProgram['valueSets'][number]): ValueSet {
  const result: ValueSet = { preamble: preamble(context, 'valueSet', set.controlPlaneName, set.annotations), size: set.size };
  const element = set.elementType;
  if (element.kind === 'bit') {
    result.match = [{ id: 1, bitwidth: element.width, match_type: 'EXACT' }];
  } else if (element.kind === 'struct') {
    const ids = allocateFieldIds(element.fields, context.diagnostics);
    result.match = element.fields.map((field, position) => {
      const kind = findAnnotation(field.annotations, 'match')?.text ?? 'exact';
      const match: MatchField = { id: ids[position], name: localName(field.name, field.annotations), ...annotationFields(field.annotations, ['match']) };
      match.bitwidth = field.type.kind === 'bit' ? field.type.width : 0;
      if (MATCH_TYPES[kind]) match.match_type = MATCH_TYPES[kind];
      else match.other_match_type = kind;
      return { ...match, ...documentation(field.annotations) };
    });
  } else if (element.kind === 'enum' && element.underlying) {
    const width = element.underlying.width;
    result.match = element.members.map((name, position) => ({ id: position + 1, name, bitwidth: width, match_type: 'EXACT' as const }));
  } else {
    context.diagnostics.error(set.loc, `value set ${set.controlPlaneName}: P4Runtime needs bit<W>, a struct of bit<W> or a serializable enum`);
  }
  return result;
}

/** Where the P4 object named `name` is declared, for diagnostics about P4Info names. */
function locationOf(program: IrProgram, name: string): Loc {
  const declared = [...program.tables, ...program.actions, ...program.instances, ...program.valueSets].filter((item) => item.controlPlaneName === name);
  return declared[declared.length - 1]?.loc ?? { file: '', line: 0, col: 0 };
}

/** p4c: "Name '…' is used for multiple … objects in the P4Info message". */
function reportDuplicateNames(program: IrProgram, info: P4InfoObject, diagnostics: Diagnostics): void {
  const groups: [string, { preamble?: Preamble }[] | undefined][] = [
    ['table', info.tables], ['action', info.actions], ['action profile', info.action_profiles], ['counter', info.counters],
    ['direct counter', info.direct_counters], ['meter', info.meters], ['direct meter', info.direct_meters],
    ['controller packet metadata', info.controller_packet_metadata], ['value set', info.value_sets],
    ['register', info.registers], ['digest', info.digests],
  ];
  for (const [kind, list] of groups) {
    const seen = new Map<string, number>();
    for (const item of list ?? []) {
      const name = item.preamble?.name ?? '';
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      if (count === 2) diagnostics.error(locationOf(program, name), `Name '${name}' is used for multiple ${kind} objects in the P4Info message`);
    }
  }
}
