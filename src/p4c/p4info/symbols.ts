// Which program objects are visible to the control plane, in which order p4c
// lists them, and their ids. p4c walks the evaluated program breadth-first
// from `main`: the package's parser and control instances in argument order,
// then each control's tables and extern instances in declaration order. Each
// control lists the top-level actions it uses (p4c copies them into the
// control, ahead of its own actions) followed by its own actions.

import type { Diagnostics } from '../diagnostics.js';
import type { IrAction, IrAnnotation, IrControl, IrExternInstance, IrHeaderType, IrProgram, IrTable, IrType, IrValueSet } from '../ir.js';
import type { Loc } from '../ast.js';
import { findAnnotation, idAnnotation, stringArgument } from './annotations.js';
import { SymbolTable, type ResourceType } from './ids.js';

/** Extern types of v1model that P4Info describes, and their resource type. */
export const EXTERN_RESOURCES: Record<string, ResourceType> = {
  counter: 'counter',
  direct_counter: 'directCounter',
  meter: 'meter',
  direct_meter: 'directMeter',
  register: 'register',
  action_profile: 'actionProfile',
  action_selector: 'actionProfile',
};

export interface ControllerHeader {
  type: IrHeaderType;
  /** `packet_in` / `packet_out`: the P4Info preamble name. */
  name: string;
}

export interface ProgramObjects {
  symbols: SymbolTable;
  controls: IrControl[];
  /** Actions in P4Info order, each once. */
  actions: IrAction[];
  tables: IrTable[];
  instances: IrExternInstance[];
  valueSets: IrValueSet[];
  controllerHeaders: ControllerHeader[];
}

function compareLoc(a: Loc, b: Loc): number {
  return a.file === b.file ? a.line - b.line || a.col - b.col : 0;
}

/** Controls in p4c's visiting order: main's arguments first, then the rest. */
function orderedControls(program: IrProgram): IrControl[] {
  const ordered: IrControl[] = [];
  const main = program.main !== undefined ? program.packages[program.main] : undefined;
  for (const arg of main?.args ?? []) {
    if (arg.kind === 'control' && program.controls[arg.index]) ordered.push(program.controls[arg.index]);
  }
  for (const control of program.controls) if (!ordered.includes(control)) ordered.push(control);
  return ordered;
}

/** Whether `name` was declared inside `control` (control-plane names are prefixed). */
function belongsTo(name: string, control: IrControl): boolean {
  return name.startsWith(`${control.controlPlaneName}.`);
}

/** The innermost control instance whose name prefixes `name` (sub-control instances nest names). */
function owningControl(name: string, controls: IrControl[]): IrControl | undefined {
  let owner: IrControl | undefined;
  for (const control of controls) {
    if (belongsTo(name, control) && (!owner || control.controlPlaneName.length > owner.controlPlaneName.length)) owner = control;
  }
  return owner;
}

/** Visits every object of an IR subtree (types skipped: they hold no uses). */
function visit(node: unknown, each: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const element of node) visit(element, each);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  each(record);
  for (const [key, value] of Object.entries(record)) if (key !== 'type') visit(value, each);
}

export interface Usage {
  tables: Set<number>;
  actions: Set<number>;
  valueSets: Set<number>;
}

/**
 * What p4c keeps: its front-end removes tables never applied, actions nobody
 * refers to and value sets no select uses (RemoveAllUnusedDeclarations)
 * before it writes P4Info; extern instances stay even when unused. Actions
 * count as used when a used table lists them (actions, default, entries) or a
 * control body calls them.
 */
export function usedObjects(program: IrProgram): Usage {
  const tables = new Set<number>();
  const valueSets = new Set<number>();
  for (const control of program.controls) {
    visit([control.body, control.localInits], (record) => {
      const callee = record.callee as { kind?: string; table?: number } | undefined;
      if (callee?.kind === 'tableApply' && callee.table !== undefined) tables.add(callee.table);
      if ((record.kind === 'tableHit' || record.kind === 'switchActionRun') && typeof record.table === 'number') tables.add(record.table);
    });
  }
  for (const parser of program.parsers) {
    visit(parser.states, (record) => {
      if (record.kind === 'valueSet' && typeof record.valueSet === 'number') valueSets.add(record.valueSet);
    });
  }
  const actions = new Set<number>();
  for (const table of program.tables) if (tables.has(table.index)) for (const index of tableActions(table)) actions.add(index);
  for (const control of program.controls) for (const call of directActionCalls([control.body, control.localInits])) actions.add(call.action);
  // Calls from one action to another (P4_16 spec §14.1) do not count: p4c's front-end inlines the callee into
  // the caller (InlineActions) before it writes P4Info, so an action referenced only that way is gone.
  return { tables, actions, valueSets };
}

function tableActions(table: IrTable): number[] {
  return [table.defaultAction.action, ...table.actions.map((ref) => ref.action), ...(table.entries?.entries ?? []).map((entry) => entry.action.action)];
}

function directActionCalls(node: unknown): { action: number; loc: Loc }[] {
  const found: { action: number; loc: Loc }[] = [];
  actionCalls(node, found);
  return found;
}

/** Action calls (`callee.kind === 'action'`) anywhere in a statement tree, with their location. */
function actionCalls(node: unknown, found: { action: number; loc: Loc }[]): void {
  if (Array.isArray(node)) {
    for (const element of node) actionCalls(element, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as { callee?: { kind?: string; action?: number }; loc?: Loc };
  if (record.callee?.kind === 'action' && record.callee.action !== undefined && record.loc) {
    found.push({ action: record.callee.action, loc: record.loc });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && key !== 'callee') actionCalls(value, found);
  }
}

/**
 * Top-level actions a control uses, in the order p4c's LocalizeActions meets
 * them: control locals (action bodies, tables) in declaration order, then the
 * apply block. p4c puts copies of them ahead of the control's own actions.
 */
function usedTopLevelActions(program: IrProgram, control: IrControl, tables: IrTable[]): number[] {
  const uses: { action: number; loc: Loc }[] = [];
  for (const action of program.actions) if (action.control === control.index) actionCalls(action.body, uses);
  for (const table of tables) {
    if (table.control !== control.index) continue;
    for (const ref of table.actions) uses.push({ action: ref.action, loc: table.loc });
    uses.push({ action: table.defaultAction.action, loc: table.loc });
    for (const entry of table.entries?.entries ?? []) uses.push({ action: entry.action.action, loc: table.loc });
  }
  const locals = uses.sort((a, b) => compareLoc(a.loc, b.loc));
  const body: { action: number; loc: Loc }[] = [];
  actionCalls(control.body, body);
  return [...locals, ...body].map((use) => use.action).filter((index) => program.actions[index]?.control === undefined);
}

function orderedActions(program: IrProgram, controls: IrControl[], tables: IrTable[]): IrAction[] {
  const ordered: IrAction[] = [];
  const seen = new Set<string>();
  const push = (action: IrAction | undefined) => {
    if (!action || seen.has(action.controlPlaneName)) return;
    seen.add(action.controlPlaneName);
    ordered.push(action);
  };
  for (const control of controls) {
    for (const index of usedTopLevelActions(program, control, tables)) push(program.actions[index]);
    for (const action of program.actions) if (action.control === control.index) push(action);
  }
  return ordered;
}

function controllerHeaders(program: IrProgram): ControllerHeader[] {
  const found: ControllerHeader[] = [];
  const seen = new Set<IrType>();
  const candidates: IrType[] = [...program.types.values()];
  for (const header of [program.controllerHeaders.packetIn, program.controllerHeaders.packetOut]) {
    if (header) candidates.push(header);
  }
  for (const type of candidates) {
    if (type.kind !== 'header' || seen.has(type)) continue;
    seen.add(type);
    const name = stringArgument(type.annotations, 'controller_header');
    if (name !== undefined && !found.some((known) => known.type.name === type.name)) found.push({ type, name });
  }
  return found;
}

/** Collects every control-plane object and assigns ids; @id problems become errors. */
export function collectObjects(program: IrProgram, diagnostics: Diagnostics): ProgramObjects {
  const symbols = new SymbolTable();
  const controls = orderedControls(program);
  const usage = usedObjects(program);
  for (const table of program.tables) {
    if (!usage.tables.has(table.index)) diagnostics.warning(table.loc, `table ${table.controlPlaneName} is never applied; left out of P4Info as p4c does`);
  }
  const valueSets = program.valueSets.filter((set) => usage.valueSets.has(set.index));
  const tables: IrTable[] = [];
  const instances: IrExternInstance[] = [];
  const owners = new Map(program.instances.map((instance) => [instance, owningControl(instance.controlPlaneName, controls)]));
  instances.push(...program.instances.filter((instance) => owners.get(instance) === undefined));
  // Breadth-first like p4c: every control of main comes before the controls nested in them.
  for (const control of controls) {
    const children: (IrTable | IrExternInstance)[] = [
      ...program.tables.filter((table) => table.control === control.index && usage.tables.has(table.index)),
      ...program.instances.filter((instance) => owners.get(instance) === control),
    ].sort((a, b) => compareLoc(a.loc, b.loc));
    for (const child of children) {
      if ('keys' in child) tables.push(child);
      else instances.push(child);
    }
  }
  for (const table of program.tables) if (usage.tables.has(table.index) && !tables.includes(table)) tables.push(table);
  const actions = orderedActions(program, controls, tables).filter((action) => usage.actions.has(action.index));
  const headers = controllerHeaders(program);

  const idLocations = new Map<string, Loc>();
  const add = (type: ResourceType, name: string, annotations: IrAnnotation[], loc: Loc) => {
    const id = idAnnotation(annotations);
    if (id.invalid) diagnostics.error(id.invalid.loc, '@id must be an unsigned integer');
    symbols.add(type, name, id.value);
    idLocations.set(`${type} ${name}`, loc);
  };
  for (const action of actions) add('action', action.controlPlaneName, action.annotations, action.loc);
  for (const table of tables) add('table', table.controlPlaneName, table.annotations, table.loc);
  for (const valueSet of valueSets) add('valueSet', valueSet.controlPlaneName, valueSet.annotations, valueSet.loc);
  for (const header of headers) {
    const loc = findAnnotation(header.type.annotations, 'controller_header')!.loc;
    add('controllerHeader', header.type.name, header.type.annotations, loc);
  }
  for (const instance of instances) {
    const type = EXTERN_RESOURCES[instance.externType];
    if (type) add(type, instance.controlPlaneName, instance.annotations, instance.loc);
  }
  for (const digest of program.digests) symbols.add('digest', digest.name);

  for (const problem of symbols.assign()) {
    const loc = idLocations.get(`${problem.type} ${problem.name}`) ?? { file: '', line: 0, col: 0 };
    diagnostics.error(loc, `${problem.name}: ${problem.message}`);
  }
  return { symbols, controls, actions, tables, instances, valueSets, controllerHeaders: headers };
}
