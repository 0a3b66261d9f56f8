// v1model extern instances in P4Info (P4Runtime spec, P4Info for PSA externs):
// counter, meter, register, action_profile / action_selector, and the direct
// counters and meters of tables. Units and sizes come from the constructor
// arguments, as p4c's v1model architecture handler reads them.

import type { IrExternInstance, IrTable } from '../ir.js';
import { findAnnotation, isHidden } from './annotations.js';
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

export function emitActionProfile(context: Context, instance: IrExternInstance, tables: IrTable[]): ActionProfile {
  const users = tables
    .filter((table) => table.implementation === instance.index && !isHidden(table.annotations))
    .map((table) => table.controlPlaneName)
    .sort(); // p4c keeps the referring tables in a std::set of names
  const result: ActionProfile = { preamble: instancePreamble(context, instance) };
  if (users.length) result.table_ids = users.map((name) => context.symbols.id('table', name));
  if (instance.externType === 'action_selector') result.with_selector = true;
  result.size = String(numberArgument(instance, 'size') ?? 0);
  const maxGroupSize = findAnnotation(instance.annotations, 'max_group_size')?.args?.[0];
  if (typeof maxGroupSize === 'bigint') result.max_group_size = Number(maxGroupSize);
  const semantics = findAnnotation(instance.annotations, 'selector_size_semantics')?.text;
  if (semantics === 'sum_of_weights') result.sum_of_weights = {};
  if (semantics === 'sum_of_members') {
    const weight = findAnnotation(instance.annotations, 'max_member_weight')?.args?.[0];
    result.sum_of_members = typeof weight === 'bigint' ? { max_member_weight: Number(weight) } : {};
  }
  return result;
}
