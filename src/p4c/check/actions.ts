// Actions and functions (spec §14.1; functions: spec "Function declarations"). Actions declared in a
// control run in the control's frame; top-level actions and functions get
// their own. Directionless action parameters are control-plane data: read-only
// and required after all directional ones.

import type { ActionDecl, FunctionDecl, Parameter } from '../ast.js';
import type { IrParam, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, type Checker, error, FrameBuilder, Scope } from './context.js';
import { coerce, lowerExpr } from './expressions.js';
import { containsTypeVar } from './types.js';
import { constantContext, controlPlaneName, lowerAnnotations, resolveType } from './resolve.js';
import { lowerStatements } from './statements.js';

/** Declares parameters into `frame` and `scope`; `in` and directionless ones are read-only. */
export function declareParams(context: BodyContext, params: Parameter[], frame: FrameBuilder, scope: Scope, owner: string): IrParam[] {
  const seen = new Set<string>();
  return params.map((param) => {
    if (seen.has(param.name)) error(context, param.loc, `${owner}: duplicate parameter ${param.name}`);
    seen.add(param.name);
    const type = resolveType({ ...context, scope }, param.type);
    const readonly = param.direction === 'in' || param.direction === 'none';
    const slot = frame.add(param.name, type, readonly);
    scope.set(param.name, { kind: 'variable', slot, type, direction: param.direction, readonly, frame });
    return { name: param.name, direction: param.direction, type, slot, annotations: lowerAnnotations(param.annotations), loc: param.loc };
  });
}

/** Spec §6.8: directionless apply parameters of parsers and controls must be externs (packet_in/out, ...). */
export function checkBlockParams(context: BodyContext, params: IrParam[], owner: string): void {
  for (const param of params) {
    if (param.direction === 'none' && param.type.kind !== 'extern' && param.type.kind !== 'unknown') {
      error(context, param.loc, `${owner}: parameter ${param.name} needs a direction (only extern parameters may be directionless)`);
    }
  }
}

function checkActionParams(context: BodyContext, decl: ActionDecl, params: IrParam[]): void {
  let sawDirectionless = false;
  for (const param of params) {
    if (param.direction === 'none') sawDirectionless = true;
    // Spec §14.1: directionless (action data) parameters come after all directional ones.
    else if (sawDirectionless) error(context, param.loc, `${decl.name}: directional parameter ${param.name} follows a directionless parameter`);
    if (!isActionParamType(param.type)) {
      error(context, param.loc, `${decl.name}: parameter ${param.name} cannot have type '${typeToString(param.type)}'`);
    }
  }
}

function isActionParamType(type: IrType): boolean {
  return !['extern', 'parser', 'control', 'package', 'int', 'void', 'string', 'matchKind'].includes(type.kind);
}

/**
 * Lowers an action; `control` is the enclosing control instance (shared frame)
 * or undefined for a top-level action. Returns its index in program.actions.
 */
export function lowerAction(context: BodyContext, decl: ActionDecl, control?: number): number {
  const program = context.checker.program;
  const own = control === undefined;
  const frame = own ? new FrameBuilder() : context.frame;
  const scope = new Scope(context.scope);
  if (context.scope.lookupLocal(decl.name)) error(context, decl.loc, `${decl.name}: duplicate declaration`);
  const params = declareParams(context, decl.params, frame, scope, decl.name);
  checkActionParams(context, decl, params);
  const index = program.actions.length;
  const action = {
    index,
    name: decl.name,
    controlPlaneName: controlPlaneName(context.prefix, decl.name, decl.annotations),
    params,
    body: [],
    frame: own ? frame.frame : undefined,
    control,
    annotations: lowerAnnotations(decl.annotations),
    loc: decl.loc,
  };
  program.actions.push(action);
  const body = lowerStatements({ ...context, scope, frame, kind: 'action', control }, decl.body.statements);
  program.actions[index] = { ...action, body };
  context.scope.set(decl.name, { kind: 'action', decl, index });
  return index;
}

export function lowerFunction(context: BodyContext, decl: FunctionDecl, control?: number, declare = true): number {
  const program = context.checker.program;
  const prototype = decl.prototype;
  if (declare && context.scope.lookupLocal(prototype.name)) error(context, decl.loc, `${prototype.name}: duplicate declaration`);
  if (prototype.typeParams.length) {
    // Lowered per call site's type arguments (generics.ts); only the declaration is recorded here.
    if (declare) {
      const errorsBefore = context.checker.diagnostics.errorCount();
      checkGenericFunction(context, decl, control);
      const invalid = context.checker.diagnostics.errorCount() > errorsBefore;
      const returnType: IrType = { kind: 'unknown' };
      context.scope.set(prototype.name, { kind: 'function', decl, index: -1, returnType, generic: { context, control, specializations: new Map(), invalid } });
    }
    return -1;
  }
  const own = control === undefined;
  const frame = own ? new FrameBuilder() : context.frame;
  const scope = new Scope(context.scope);
  const returnType = prototype.returnType ? resolveType(context, prototype.returnType) : ({ kind: 'void' } as IrType);
  // A directionless function parameter is read-only like `in` (p4c accepts it and
  // treats it as `in`, e.g. testdata gauntlet_hdr_in_value-bmv2): lowered as `in`.
  const params = declareParams(context, prototype.params, frame, scope, prototype.name)
    .map((param) => (param.direction === 'none' ? { ...param, direction: 'in' as const } : param));
  const index = program.functions.length;
  const fn = { index, name: prototype.name, returnType, params, body: [], frame: own ? frame.frame : undefined, control, annotations: lowerAnnotations(prototype.annotations), loc: decl.loc };
  program.functions.push(fn);
  const body = lowerStatements({ ...context, scope, frame, kind: 'function', returnType, control }, decl.body.statements);
  if (returnType.kind !== 'void' && !alwaysReturns(body)) {
    error(context, decl.loc, `${prototype.name}: not every path returns a value`);
  }
  program.functions[index] = { ...fn, body };
  if (declare) context.scope.set(prototype.name, { kind: 'function', decl, index, returnType });
  return index;
}

/**
 * Type-checks a generic function once with its type parameters as type
 * variables, so errors show even when it is never called. The lowered copy goes
 * to a scratch list of functions and is dropped.
 */
function checkGenericFunction(context: BodyContext, decl: FunctionDecl, control: number | undefined): void {
  const typeParams = decl.prototype.typeParams;
  const scope = new Scope(context.scope);
  typeParams.forEach((name, index) => {
    if (typeParams.indexOf(name) !== index) error(context, decl.loc, `${decl.prototype.name}: duplicate type parameter ${name}`);
    scope.set(name, { kind: 'typeVar', name });
  });
  const program = context.checker.program;
  const checker = { ...context.checker, program: { ...program, functions: [...program.functions] } };
  const concrete: FunctionDecl = { ...decl, prototype: { ...decl.prototype, typeParams: [] } };
  const frame = control === undefined ? context.frame : cloneFrame(context.frame);
  lowerFunction({ ...context, checker, scope, frame }, concrete, control, false);
}

/** A copy of a control's frame, so a throw-away lowering adds no slots to the real one. */
function cloneFrame(frame: FrameBuilder): FrameBuilder {
  const copy = new FrameBuilder();
  for (const slot of frame.frame.slots) copy.frame.slots.push(slot);
  for (const slot of frame.readonlySlots) copy.readonlySlots.add(slot);
  return copy;
}

function alwaysReturns(body: import('../ir.js').IrStatement[]): boolean {
  for (const statement of body) {
    if (statement.kind === 'return' || statement.kind === 'exit') return true;
    if (statement.kind === 'block' && alwaysReturns(statement.body)) return true;
    if (statement.kind === 'if' && alwaysReturns(statement.then) && alwaysReturns(statement.else)) return true;
  }
  return false;
}

/**
 * p4c (testdata p4_16_errors default-param, decl-*-parameter-type-illformed,
 * constructor-parameter-type-illformed): only `in` and directionless parameters
 * take a default value, never an @optional one, and the value must fit the type.
 */
export function checkParameterDefaults(checker: Checker, params: Parameter[], typeParams: string[] = []): void {
  const checked = (checker.checkedParameters ??= new WeakSet());
  if (checked.has(params)) return;
  checked.add(params);
  const scope = new Scope(checker.globals);
  for (const name of typeParams) scope.set(name, { kind: 'typeVar', name });
  const context = constantContext(checker, scope);
  for (const param of params) {
    if (!param.defaultValue) continue;
    if (param.direction === 'out' || param.direction === 'inout') {
      error(checker, param.loc, `${param.name}: ${param.direction} parameters cannot have default values`);
    } else if (param.annotations.some((annotation) => annotation.name === 'optional')) {
      error(checker, param.loc, `${param.name}: optional parameters cannot have default values`);
    } else {
      const type = resolveType(context, param.type);
      if (!containsTypeVar(type)) coerce(context, lowerExpr(context, param.defaultValue, type), type, `default value of ${param.name}`);
    }
  }
}
