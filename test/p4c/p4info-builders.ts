// Hand-built IR for emitter tests that must not wait for the whole front-end.

import type {
  IrAction,
  IrAnnotation,
  IrControl,
  IrExternInstance,
  IrHeaderType,
  IrProgram,
  IrTable,
  IrTableKey,
  IrType,
} from '../../src/p4c/ir.js';
import { emptyProgram as emptyCheckedProgram } from '../../src/p4c/check/index.js';

export const loc = (line = 1, col = 1) => ({ file: 'test.p4', line, col });

export function annotation(name: string, args?: (string | bigint | boolean)[], text = args?.map(String).join(' , ') ?? ''): IrAnnotation {
  return { name, args, text, loc: loc() };
}

export const bit = (width: number, newTypeName?: string): IrType => ({ kind: 'bit', width, signed: false, ...(newTypeName ? { newTypeName } : {}) });

/** The checker's empty program with core.p4's first errors and v1model's match kinds. */
export function emptyProgram(): IrProgram {
  return {
    ...emptyCheckedProgram(),
    errors: ['NoError', 'PacketTooShort'],
    matchKinds: ['exact', 'ternary', 'lpm', 'range', 'optional', 'selector'],
  };
}

export function addControl(program: IrProgram, name: string): IrControl {
  const control: IrControl = {
    index: program.controls.length,
    typeName: name,
    controlPlaneName: name,
    params: [],
    frame: { slots: [] },
    localInits: [],
    body: [],
    annotations: [],
    loc: loc(),
  };
  program.controls.push(control);
  return control;
}

export function addAction(
  program: IrProgram,
  name: string,
  options: { control?: IrControl; params?: { name: string; type: IrType; annotations?: IrAnnotation[] }[]; annotations?: IrAnnotation[]; line?: number } = {},
): IrAction {
  const action: IrAction = {
    index: program.actions.length,
    name,
    controlPlaneName: options.control ? `${options.control.controlPlaneName}.${name}` : name,
    params: (options.params ?? []).map((param, slot) => ({ ...param, direction: 'none', slot, annotations: param.annotations ?? [], loc: loc() })),
    body: [],
    control: options.control?.index,
    annotations: options.annotations ?? [],
    loc: loc(options.line ?? 1),
  };
  program.actions.push(action);
  return action;
}

export function key(name: string, matchKind: string, width: number, annotations: IrAnnotation[] = [], type: IrType = bit(width)): IrTableKey {
  return { expr: { kind: 'const', value: 0, type, loc: loc() }, matchKind, width, name, annotations, loc: loc() };
}

export function addTable(
  program: IrProgram,
  control: IrControl,
  name: string,
  fields: Omit<Partial<IrTable>, 'actions' | 'defaultAction'> & { actions: IrAction[]; defaultAction: IrAction; constDefault?: boolean; line?: number; applied?: boolean },
): IrTable {
  const table: IrTable = {
    index: program.tables.length,
    name,
    controlPlaneName: `${control.controlPlaneName}.${name}`,
    control: control.index,
    keys: fields.keys ?? [],
    actions: fields.actions.map((action) => ({ action: action.index, scope: 'tableAndDefault', boundArgs: [], annotations: [] })),
    defaultAction: { action: fields.defaultAction.index, args: [], isConst: fields.constDefault ?? false },
    entries: fields.entries,
    size: fields.size,
    implementation: fields.implementation,
    directCounters: fields.directCounters ?? [],
    directMeters: fields.directMeters ?? [],
    supportTimeout: fields.supportTimeout ?? false,
    otherProperties: [],
    annotations: fields.annotations ?? [],
    loc: loc(fields.line ?? 10),
  };
  program.tables.push(table);
  // p4c leaves tables nobody applies out of P4Info; tests apply them unless told not to.
  if (fields.applied !== false) control.body.push({ kind: 'call', call: { callee: { kind: 'tableApply', table: table.index }, args: [], loc: loc(50) }, loc: loc(50) });
  return table;
}

export function addInstance(
  program: IrProgram,
  control: IrControl | undefined,
  name: string,
  externType: string,
  args: IrExternInstance['args'],
  options: { typeArgs?: IrType[]; annotations?: IrAnnotation[]; line?: number } = {},
): IrExternInstance {
  const instance: IrExternInstance = {
    index: program.instances.length,
    name,
    controlPlaneName: control ? `${control.controlPlaneName}.${name}` : name,
    externType,
    typeArgs: options.typeArgs ?? [],
    constructorOverload: 0,
    args,
    annotations: options.annotations ?? [],
    loc: loc(options.line ?? 5),
  };
  program.instances.push(instance);
  return instance;
}

const counterType: IrType = { kind: 'enum', name: 'CounterType', members: ['packets', 'bytes', 'packets_and_bytes'], annotations: [] };
const meterType: IrType = { kind: 'enum', name: 'MeterType', members: ['packets', 'bytes'], annotations: [] };

export const sizeArg = (size: number) => ({ name: 'size', type: bit(32), value: size });
export const counterTypeArg = (unit: 'packets' | 'bytes' | 'packets_and_bytes') => ({ name: 'type', type: counterType, value: ['packets', 'bytes', 'packets_and_bytes'].indexOf(unit) });
export const meterTypeArg = (unit: 'packets' | 'bytes') => ({ name: 'type', type: meterType, value: ['packets', 'bytes'].indexOf(unit) });

export function header(name: string, fields: [string, number][], annotations: IrAnnotation[] = []): IrHeaderType {
  let offset = 0;
  const irFields = fields.map(([fieldName, width]) => {
    const field = { name: fieldName, type: bit(width), offsetBits: offset, annotations: [] };
    offset += width;
    return field;
  });
  return { kind: 'header', name, fields: irFields, fixedWidthBits: offset, maxWidthBits: offset, annotations };
}

export function setMain(program: IrProgram, controls: IrControl[]): void {
  program.packages.push({
    index: 0,
    typeName: 'V1Switch',
    name: 'main',
    args: controls.map((control, position) => ({ param: `c${position}`, kind: 'control', index: control.index })),
    typeArgs: [],
    loc: loc(),
  });
  program.main = 0;
}
