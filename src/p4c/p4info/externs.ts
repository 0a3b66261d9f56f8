// v1model extern instances in P4Info (P4Runtime spec, P4Info for PSA externs):
// counter, meter, register, action_profile / action_selector, and the direct
// counters and meters of tables. Units and sizes come from the constructor
// arguments, as p4c's v1model architecture handler reads them.

import type { IrExternInstance, IrTable } from '../ir.js';
import { findAnnotation, isHidden, stringArgument } from './annotations.js';
import { preamble, type Context } from './context.js';
import { EXTERN_RESOURCES } from './symbols.js';
import type { ActionProfile, Counter, CounterUnit, DirectCounter, DirectMeter, Meter, MeterUnit, Preamble, Register } from './types.js';

function argument(instance: IrExternInstance, name: string): IrExternInstance['args'][number] | undefined {
  return instance.args.find((arg) => arg.name === name);
}

function numberArgument(instance: IrExternInstance, name: string): number | undefined {
  const value = argument(instance, name)?.value;
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
}

/** The member name of an enum constructor argument (CounterType.packets → "packets"). */
function enumArgument(instance: IrExternInstance, name: string): string | undefined {
  const arg = argument(instance, name);
  if (!arg || arg.type.kind !== 'enum' || typeof arg.value !== 'number') return undefined;
  return arg.type.members[arg.value];
}

function counterUnit(instance: IrExternInstance): CounterUnit {
  const units: Record<string, CounterUnit> = { packets: 'PACKETS', bytes: 'BYTES', packets_and_bytes: 'BOTH' };
  return units[enumArgument(instance, 'type') ?? ''] ?? 'UNSPECIFIED';
}

function meterUnit(instance: IrExternInstance): MeterUnit {
  const units: Record<string, MeterUnit> = { packets: 'PACKETS', bytes: 'BYTES' };
  return units[enumArgument(instance, 'type') ?? ''] ?? 'UNSPECIFIED';
}

function instancePreamble(context: Context, instance: IrExternInstance): Preamble {
  return preamble(context, EXTERN_RESOURCES[instance.externType], instance.controlPlaneName, instance.annotations);
}

/** index_type_name: set when the index type parameter is a `type` (new type). */
function indexTypeName(context: Context, instance: IrExternInstance, position: number): { index_type_name?: { name: string } } {
  const index = instance.typeArgs[position];
  if (index?.kind !== 'bit' || index.newTypeName === undefined) return {};
  context.types.convert(index);
  return { index_type_name: { name: index.newTypeName } };
}

export function emitCounter(context: Context, instance: IrExternInstance): Counter {
  return {
    preamble: instancePreamble(context, instance),
    spec: { unit: counterUnit(instance) },
    size: String(numberArgument(instance, 'size') ?? 0),
    ...indexTypeName(context, instance, 0),
  };
}

export function emitDirectCounter(context: Context, instance: IrExternInstance, table: IrTable): DirectCounter {
  return {
    preamble: instancePreamble(context, instance),
    spec: { unit: counterUnit(instance) },
    direct_table_id: context.symbols.id('table', table.controlPlaneName),
  };
}

export function emitMeter(context: Context, instance: IrExternInstance): Meter {
  return {
    preamble: instancePreamble(context, instance),
    spec: { unit: meterUnit(instance) },
    size: String(numberArgument(instance, 'size') ?? 0),
    ...indexTypeName(context, instance, 0),
  };
}

export function emitDirectMeter(context: Context, instance: IrExternInstance, table: IrTable): DirectMeter {
  return {
    preamble: instancePreamble(context, instance),
    spec: { unit: meterUnit(instance) },
    direct_table_id: context.symbols.id('table', table.controlPlaneName),
  };
}

export function emitRegister(context: Context, instance: IrExternInstance): Register {
  const result: Register = { preamble: instancePreamble(context, instance) };
  const element = instance.typeArgs[0];
  const converted = element ? context.types.convert(element) : { unsupported: 'register without an element type' };
  if (converted.spec) result.type_spec = converted.spec;
  else context.diagnostics.error(instance.loc, `register ${instance.controlPlaneName}: ${converted.unsupported}`);
  result.size = numberArgument(instance, 'size') ?? 0;
  return { ...result, ...indexTypeName(context, instance, 1) };
}

/** Annotations p4c turns into ActionProfile fields; it never repeats them in the preamble. */
const ACTION_PROFILE_SIZE_ANNOTATIONS = ['max_group_size', 'selector_size_semantics', 'max_member_weight'];

/** The integer argument of `@name(n)`, reporting anything else (a user error, not a bug). */
function integerAnnotation(context: Context, instance: IrExternInstance, name: string): number | undefined {
  const annotation = findAnnotation(instance.annotations, name);
  if (!annotation) return undefined;
  const value = annotation.args?.[0];
  if (typeof value === 'bigint' && annotation.args!.length === 1 && value > 0n && value <= 0x7fffffffn) return Number(value);
  context.diagnostics.error(annotation.loc, `${instance.controlPlaneName}: @${name} needs one positive integer`);
  return undefined;
}

export function emitActionProfile(context: Context, instance: IrExternInstance, tables: IrTable[]): ActionProfile {
  const users = tables
    .filter((table) => table.implementation === instance.index && !isHidden(table.annotations))
    .map((table) => table.controlPlaneName)
    .sort(); // p4c keeps the referring tables in a std::set of names
  const annotations = instance.annotations.filter((annotation) => !ACTION_PROFILE_SIZE_ANNOTATIONS.includes(annotation.name));
  const result: ActionProfile = { preamble: preamble(context, EXTERN_RESOURCES[instance.externType], instance.controlPlaneName, annotations) };
  if (users.length) result.table_ids = users.map((name) => context.symbols.id('table', name));
  const withSelector = instance.externType === 'action_selector';
  if (withSelector) result.with_selector = true;
  result.size = String(numberArgument(instance, 'size') ?? 0);
  if (!withSelector) {
    // P4Runtime spec, P4Info ActionProfile: group sizes only mean something for selectors; like p4c, ignore them.
    const ignored = instance.annotations.find((annotation) => ACTION_PROFILE_SIZE_ANNOTATIONS.includes(annotation.name));
    if (ignored) context.diagnostics.warning(ignored.loc, `${instance.controlPlaneName}: @${ignored.name} is ignored on an action_profile (it has no groups)`);
    return result;
  }
  const maxGroupSize = integerAnnotation(context, instance, 'max_group_size');
  if (maxGroupSize !== undefined) result.max_group_size = maxGroupSize;
  return { ...result, ...selectorSizeSemantics(context, instance) };
}

/**
 * P4Runtime spec, P4Info ActionProfile: `selector_size_semantics` says how
 * group sizes count, sum_of_weights (the default) or sum_of_members, which
 * alone carries `max_member_weight`. p4c writes it only for a selector with
 * size annotations: the default as an empty `sum_of_weights {}` when
 * @max_group_size is given (action_profile_max_group_size_annotation), nothing
 * for a selector without any (action_profile-bmv2).
 */
function selectorSizeSemantics(context: Context, instance: IrExternInstance): Pick<ActionProfile, 'sum_of_weights' | 'sum_of_members'> {
  if (!instance.annotations.some((candidate) => ACTION_PROFILE_SIZE_ANNOTATIONS.includes(candidate.name))) return {};
  const annotation = findAnnotation(instance.annotations, 'selector_size_semantics');
  const semantics = annotation ? stringArgument(instance.annotations, 'selector_size_semantics') : 'sum_of_weights';
  const maxMemberWeight = integerAnnotation(context, instance, 'max_member_weight');
  if (semantics === 'sum_of_members') return { sum_of_members: maxMemberWeight === undefined ? {} : { max_member_weight: maxMemberWeight } };
  if (semantics !== 'sum_of_weights') {
    context.diagnostics.error(annotation!.loc, `${instance.controlPlaneName}: @selector_size_semantics must be "sum_of_weights" or "sum_of_members"`);
  } else if (maxMemberWeight !== undefined) {
    const weight = findAnnotation(instance.annotations, 'max_member_weight')!;
    context.diagnostics.warning(weight.loc, `${instance.controlPlaneName}: @max_member_weight only applies with @selector_size_semantics("sum_of_members"); ignored`);
  }
  return { sum_of_weights: {} };
}
