// Calls: actions, functions, extern functions and methods (with overloads by
// arity and argument names, and type-argument inference), header and stack
// methods, table and sub-block apply (spec §8.20, §6.8, §7.2.10).

import type { Argument, CallExpr, Expr, FunctionDecl, FunctionPrototype, Loc } from '../ast.js';
import { Diagnostics } from '../diagnostics.js';
import type { IrArgument, IrCall, IrCallee, IrDirection, IrExpr, IrParam, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, type Checker, error, exprText, Scope } from './context.js';
import { coerce, lowerExpr, lvalueProblem, makeConst, symbolDescription, unknownExpr } from './expressions.js';
import { constantContext, evalInteger, resolveType } from './resolve.js';
import { type GenericFunction, inferQuietly, specialize } from './generics.js';
import { instantiateDirect } from './instances.js';
import { sizeMethod } from './sizes.js';
import { type Bindings, bitType, BOOL, containsTypeVar, sameType, substitute, unify, UNKNOWN, VOID } from './types.js';

export interface SignatureParam {
  name: string;
  direction: IrDirection;
  type: IrType;
  defaultValue?: Expr;
  optional: boolean;
}

export interface Signature {
  name: string;
  typeParams: string[];
  params: SignatureParam[];
  returnType: IrType;
  overload: number;
}

export interface LoweredCall {
  call: IrCall;
  type: IrType;
}

/**
 * Resolves a prototype's parameter types with `outerTypeParams` and its own type
 * parameters as variables. Cached per checker run: resolution reports into that
 * run's diagnostics, so a second run over the same AST must resolve again.
 */
export function prototypeSignature(checker: Checker, prototype: FunctionPrototype, overload: number, outerTypeParams: string[] = []): Signature {
  const signatureCache = (checker.signatures ??= new WeakMap());
  const cached = signatureCache.get(prototype);
  if (cached) return cached;
  const scope = new Scope(checker.globals);
  for (const name of [...outerTypeParams, ...prototype.typeParams]) scope.set(name, { kind: 'typeVar', name });
  const context = constantContext(checker, scope);
  const signature: Signature = {
    name: prototype.name,
    typeParams: prototype.typeParams,
    params: prototype.params.map((param) => ({
      name: param.name,
      direction: param.direction,
      type: resolveType(context, param.type),
      defaultValue: param.defaultValue,
      optional: param.annotations.some((annotation) => annotation.name === 'optional'),
    })),
    returnType: prototype.returnType ? resolveType(context, prototype.returnType) : VOID,
    overload,
  };
  signatureCache.set(prototype, signature);
  return signature;
}

export function paramsSignature(name: string, params: IrParam[], returnType: IrType): Signature {
  return {
    name,
    typeParams: [],
    params: params.map((param) => ({ name: param.name, direction: param.direction, type: param.type, optional: false })),
    returnType,
    overload: 0,
  };
}

/** The table index when `call` is `t.apply()` for a table t in scope. */
export function tableOfApplyCall(context: BodyContext, call: CallExpr): number | undefined {
  if (call.callee.kind !== 'Member' || call.callee.member !== 'apply' || call.callee.expr.kind !== 'Path') return undefined;
  const symbol = context.scope.lookup(call.callee.expr.name);
  return symbol?.kind === 'table' ? symbol.index : undefined;
}

/** A call used as a value: it must return something. */
export function lowerCallExpr(context: BodyContext, expr: CallExpr): IrExpr {
  const lowered = lowerCall(context, expr);
  if ('kind' in lowered) return lowered;
  if (lowered.call.callee.kind === 'tableApply') {
    error(context, expr.loc, `${exprText(expr)}: a table apply result can only be used with .hit, .miss or .action_run`);
    return unknownExpr(expr.loc);
  }
  if (lowered.type.kind === 'void') {
    error(context, expr.loc, `${exprText(expr)}: the call returns no value`);
    return unknownExpr(expr.loc);
  }
  return { kind: 'call', type: lowered.type, call: lowered.call, loc: expr.loc };
}

/** Lowers any call; a folded constant (minSizeInBits, static_assert) comes back as an IrExpr. */
export function lowerCall(context: BodyContext, expr: CallExpr): LoweredCall | IrExpr {
  const callee = expr.callee;
  if (callee.kind === 'Path') {
    const symbol = callee.global ? context.checker.globals.lookup(callee.name) : context.scope.lookup(callee.name);
    if (!symbol) {
      error(context, callee.loc, `${callee.name}: undeclared identifier`);
      return unknownExpr(expr.loc);
    }
    switch (symbol.kind) {
      case 'action': {
        if (context.kind !== 'control' && context.kind !== 'action') {
          error(context, expr.loc, `${callee.name}: actions can only be called from controls and actions`);
          return unknownExpr(expr.loc);
        }
        const action = context.checker.program.actions[symbol.index];
        const signature = paramsSignature(action.name, action.params, VOID);
        // A direct call may pass run-time values as action data (p4c accepts it, e.g. the
        // P4 tutorials' firewall and testdata crc32-bmv2).
        return finish(context, expr, signature, { kind: 'action', action: symbol.index }, new Map());
      }
      case 'function': {
        if (symbol.generic) return callGenericFunction(context, expr, symbol.decl, symbol.generic);
        const fn = context.checker.program.functions[symbol.index];
        const signature = fn ? paramsSignature(fn.name, fn.params, fn.returnType) : prototypeSignature(context.checker, symbol.decl.prototype, 0);
        return finish(context, expr, signature, { kind: 'function', function: symbol.index }, explicitTypeArgs(context, expr, signature.typeParams));
      }
      case 'externFunction':
        return callExternFunction(context, expr, symbol.name, symbol.overloads);
      case 'parserDecl':
      case 'controlDecl':
        if (symbol.shadowedFunction) return callExternFunction(context, expr, symbol.shadowedFunction.name, symbol.shadowedFunction.overloads);
        error(context, callee.loc, `${callee.name}: ${symbolDescription(symbol.kind)} cannot be called`);
        return unknownExpr(expr.loc);
      default:
        error(context, callee.loc, `${callee.name}: ${symbolDescription(symbol.kind)} cannot be called`);
        return unknownExpr(expr.loc);
    }
  }
  if (callee.kind !== 'Member') {
    error(context, expr.loc, `${exprText(expr.callee)} is not callable`);
    return unknownExpr(expr.loc);
  }
  const sized = sizeMethod(context, callee.expr, callee.member, expr);
  if (sized) return sized;
  const method = callee.member;
  if (callee.expr.kind === 'Path') {
    const symbol = callee.expr.global ? context.checker.globals.lookup(callee.expr.name) : context.scope.lookup(callee.expr.name);
    switch (symbol?.kind) {
      case 'table':
        if (method !== 'apply') return failCall(context, expr.loc, `${exprText(callee)}: tables only have an apply method`);
        if (context.kind !== 'control') return failCall(context, expr.loc, `${exprText(callee)}: tables can only be applied from a control body`);
        if (expr.args.length) return failCall(context, expr.loc, `${exprText(callee)}: apply takes no arguments`);
        return { call: { callee: { kind: 'tableApply', table: symbol.index }, args: [], loc: expr.loc }, type: VOID };
      case 'instance':
        return callExternMethod(context, expr, symbol.type, { kind: 'instance', instance: symbol.index });
      case 'parserDecl':
      case 'controlDecl':
      case 'subParser':
      case 'subControl': {
        if (method !== 'apply') return failCall(context, expr.loc, `${exprText(callee)}: only apply can be called`);
        const isParser = symbol.kind === 'subParser' || symbol.kind === 'parserDecl';
        if (context.kind !== (isParser ? 'parser' : 'control')) {
          return failCall(context, expr.loc, `${exprText(callee)}: a ${isParser ? 'parser' : 'control'} can only be applied from a ${isParser ? 'parser state' : 'control body'}`);
        }
        const index = symbol.kind === 'parserDecl' || symbol.kind === 'controlDecl' ? instantiateDirect(context, symbol.decl, expr.loc) : symbol.index;
        if (index === undefined) return unknownExpr(expr.loc);
        const block = isParser ? context.checker.program.parsers[index] : context.checker.program.controls[index];
        const signature = paramsSignature('apply', block.params, VOID);
        const target: IrCallee = isParser ? { kind: 'parserApply', parser: index } : { kind: 'controlApply', control: index };
        return finish(context, expr, signature, target, new Map());
      }
      default:
        break;
    }
  }
  const base = lowerExpr(context, callee.expr);
  const type = base.type;
  if (type.kind === 'unknown') return unknownExpr(expr.loc);
  if (type.kind === 'extern') {
    if (base.kind !== 'var') return failCall(context, expr.loc, `${exprText(callee)}: unsupported extern receiver`);
    return callExternMethod(context, expr, type, { kind: 'param', slot: base.slot, name: base.name });
  }
  if ((type.kind === 'header' || type.kind === 'union') && method === 'isValid') {
    if (expr.args.length) return failCall(context, expr.loc, `${exprText(callee)}: isValid takes no arguments`);
    return { kind: 'isValid', type: BOOL, base, loc: expr.loc };
  }
  if (type.kind === 'header' && (method === 'setValid' || method === 'setInvalid')) {
    if (expr.args.length) return failCall(context, expr.loc, `${exprText(callee)}: ${method} takes no arguments`);
    const problem = lvalueOf(context, base);
    if (problem) return failCall(context, expr.loc, `${exprText(callee.expr)}: ${problem}`);
    return { call: { callee: { kind: method, base }, args: [], loc: expr.loc }, type: VOID };
  }
  if (type.kind === 'stack' && (method === 'push_front' || method === 'pop_front')) {
    // Spec §8.18: push_front(count) / pop_front(count) with a constant count.
    if (expr.args.length !== 1) return failCall(context, expr.loc, `${exprText(callee)}: ${method} takes one argument`);
    const count = evalInteger(context, expr.args[0].value, `${method} count`);
    if (count === undefined) return unknownExpr(expr.loc);
    const problem = lvalueOf(context, base);
    if (problem) return failCall(context, expr.loc, `${exprText(callee.expr)}: ${problem}`);
    return { call: { callee: { kind: method === 'push_front' ? 'pushFront' : 'popFront', base, count }, args: [], loc: expr.loc }, type: VOID };
  }
  return failCall(context, expr.loc, `${exprText(callee)}: '${typeToString(type)}' has no method ${method}`);
}

function lvalueOf(context: BodyContext, base: IrExpr): string | undefined {
  return lvalueProblem(context, base);
}

function failCall(context: BodyContext, loc: Loc, message: string): IrExpr {
  error(context, loc, message);
  return unknownExpr(loc);
}

/** A call of a generic function: infer the type arguments, then call the matching specialization. */
function callGenericFunction(context: BodyContext, expr: CallExpr, decl: FunctionDecl, generic: GenericFunction): LoweredCall | IrExpr {
  const generalSignature = prototypeSignature(context.checker, decl.prototype, 0);
  // Directionless function parameters are `in` (see lowerFunction).
  const signature: Signature = {
    ...generalSignature,
    params: generalSignature.params.map((param) => (param.direction === 'none' ? { ...param, direction: 'in' } : param)),
  };
  const bindings = explicitTypeArgs(context, expr, signature.typeParams);
  inferQuietly(context, (quiet) => bindArguments(quiet, expr, signature, bindings));
  if (signature.typeParams.some((name) => !bindings.has(name))) {
    // Report the argument problem that prevented inference, if any, with the general signature.
    const errorsBefore = context.checker.diagnostics.errorCount();
    bindArguments(context, expr, signature, bindings);
    if (context.checker.diagnostics.errorCount() > errorsBefore) return unknownExpr(expr.loc);
  }
  const typeArgs = signature.typeParams.map((name) => bindings.get(name));
  if (typeArgs.some((type) => type !== undefined && containsTypeVar(type))) {
    // A call from another generic body being checked with type variables: type-check
    // only; that body's specializations call concrete specializations of this one.
    return finish(context, expr, signature, { kind: 'function', function: -1 }, bindings);
  }
  const index = specialize(context, expr, decl, generic, bindings);
  const fn = index === undefined ? undefined : context.checker.program.functions[index];
  if (index === undefined || !fn) return unknownExpr(expr.loc);
  return finish(context, expr, paramsSignature(fn.name, fn.params, fn.returnType), { kind: 'function', function: index }, new Map());
}

function explicitTypeArgs(context: BodyContext, expr: CallExpr, typeParams: string[]): Bindings {
  const bindings: Bindings = new Map();
  if (expr.typeArgs.length === 0) return bindings;
  if (expr.typeArgs.length !== typeParams.length) {
    error(context, expr.loc, `${exprText(expr.callee)}: expected ${typeParams.length} type arguments, got ${expr.typeArgs.length}`);
    return bindings;
  }
  expr.typeArgs.forEach((ref, index) => {
    const type = resolveType(context, ref, true);
    // `int` has no run-time representation (p4c: call-on-extern-method-illformed-after-specialization).
    if (type.kind === 'int') error(context, ref.loc, `${exprText(expr.callee)}: 'int' cannot be a type argument`);
    if (ref.kind !== 'DontCareType') bindings.set(typeParams[index], type);
  });
  return bindings;
}

function callExternFunction(context: BodyContext, expr: CallExpr, name: string, overloads: FunctionPrototype[]): LoweredCall | IrExpr {
  const signatures = overloads.map((prototype, index) => prototypeSignature(context.checker, prototype, index));
  const chosen = chooseOverload(context, expr, signatures, new Map());
  if (!chosen) return unknownExpr(expr.loc);
  const callee: IrCallee = { kind: 'externFunction', name, overload: chosen.overload, typeArgs: [] };
  const result = finish(context, expr, chosen, callee, explicitTypeArgs(context, expr, chosen.typeParams));
  if ('kind' in result) return result;
  if (name === 'verify' && context.kind !== 'parser') error(context, expr.loc, 'verify can only be called from a parser');
  if (name === 'static_assert') return staticAssert(context, expr, result);
  if (name === 'digest') recordDigest(context, result);
  return result;
}

function staticAssert(context: BodyContext, expr: CallExpr, result: LoweredCall): IrExpr {
  // Spec v1.2.4 "static_assert": evaluated at compile time, an error when false.
  const check = result.call.args[0]?.value;
  const message = result.call.args[1]?.value;
  if (!check || check.kind !== 'const') {
    error(context, expr.loc, 'static_assert: the condition must be a compile-time constant');
  } else if (check.value === false) {
    const text = message?.kind === 'const' && typeof message.value === 'string' ? `: ${message.value}` : '';
    error(context, expr.loc, `static assertion failed${text}`);
  }
  return makeConst(BOOL, true, expr.loc);
}

function recordDigest(context: BodyContext, result: LoweredCall): void {
  const callee = result.call.callee;
  const data = result.call.args[result.call.args.length - 1];
  const type = callee.kind === 'externFunction' ? (callee.typeArgs[0] ?? data?.type) : data?.type;
  if (!type || type.kind === 'unknown') return;
  if (type.kind !== 'struct' && type.kind !== 'header') {
    // P4Runtime names a digest by its struct type (P4Info Digest.type_spec).
    error(context, result.call.loc, `digest data must be a struct, not '${typeToString(type)}'; write digest<struct_t>(...)`);
    return;
  }
  const name = type.name;
  const digests = context.checker.program.digests;
  if (!digests.some((digest) => digest.name === name)) digests.push({ type, name, loc: result.call.loc });
}

function callExternMethod(context: BodyContext, expr: CallExpr, type: IrType, target: Extract<IrCallee, { kind: 'externMethod' }>['target']): LoweredCall | IrExpr {
  if (type.kind !== 'extern') return failCall(context, expr.loc, `${exprText(expr.callee)}: not an extern`);
  const method = (expr.callee as Extract<Expr, { kind: 'Member' }>).member;
  const symbol = context.checker.globals.lookup(type.name);
  if (symbol?.kind !== 'externType') return failCall(context, expr.loc, `${type.name}: unknown extern`);
  const decl = symbol.decl;
  const sameName = decl.methods.filter((prototype) => prototype.name === method && prototype.returnType !== undefined);
  if (sameName.length === 0) return failCall(context, expr.loc, `${exprText(expr.callee)}: extern ${type.name} has no method ${method}`);
  const signatures = sameName.map((prototype, index) => prototypeSignature(context.checker, prototype, index, decl.typeParams));
  const outer: Bindings = new Map();
  decl.typeParams.forEach((name, index) => {
    const arg = type.typeArgs[index];
    if (arg && arg.kind !== 'unknown') outer.set(name, arg);
  });
  const chosen = chooseOverload(context, expr, signatures, outer);
  if (!chosen) return unknownExpr(expr.loc);
  const bindings = new Map([...outer, ...explicitTypeArgs(context, expr, chosen.typeParams)]);
  defaultOpenIndexTypes(context, expr, chosen, decl.typeParams, type.typeArgs, bindings);
  const callee: IrCallee = { kind: 'externMethod', target, externType: type.name, method, overload: chosen.overload, typeArgs: [] };
  const result = finish(context, expr, chosen, callee, bindings);
  inferInstanceTypeArgs(context, expr, decl.typeParams, type.typeArgs, bindings);
  if (!('kind' in result) && type.name === 'packet_in' && method === 'extract') {
    const header = result.call.args[0];
    if (header?.value && header.type.kind !== 'header' && header.type.kind !== 'unknown') {
      error(context, expr.loc, `${exprText(expr)}: extract requires a header, not '${typeToString(header.type)}'`);
    }
  }
  return result;
}

/**
 * An instance type argument left open (`register<bit<8>>(2) r` under v1model's
 * `register<T, I>`) that a call would bind to an unsized literal (`r.read(x, 0)`)
 * becomes bit<32>: p4c accepts such programs and compiles the index as `32w0`
 * (v1model's index type before 2020). Other open arguments wait for a typed use.
 */
function defaultOpenIndexTypes(context: BodyContext, expr: CallExpr, signature: Signature, typeParams: string[], typeArgs: IrType[], bindings: Bindings): void {
  if (!typeParams.some((_name, index) => typeArgs[index]?.kind === 'unknown')) return;
  const trial: Bindings = new Map(bindings);
  inferQuietly(context, (quiet) => bindArguments(quiet, expr, signature, trial));
  typeParams.forEach((name, index) => {
    if (typeArgs[index]?.kind === 'unknown' && !bindings.has(name) && trial.get(name)?.kind === 'int') {
      typeArgs[index] = bitType(32);
      bindings.set(name, typeArgs[index]);
    }
  });
}

/**
 * Type arguments an instantiation left open (counter<I> declared as `counter(...)`)
 * are fixed by the first method call that determines them. `typeArgs` is the
 * instance's own array, so the instance and its symbol see the result.
 */
function inferInstanceTypeArgs(context: BodyContext, expr: CallExpr, typeParams: string[], typeArgs: IrType[], bindings: Bindings): void {
  typeParams.forEach((name, index) => {
    if (typeArgs[index]?.kind !== 'unknown') return;
    const inferred = bindings.get(name);
    if (!inferred || inferred.kind === 'unknown' || inferred.kind === 'typeVar') return;
    if (inferred.kind === 'int') {
      error(context, expr.loc, `${exprText(expr.callee)}: cannot infer a width for type argument ${name} from an integer literal`);
      return;
    }
    typeArgs[index] = inferred;
  });
}

/** Picks the overload matching the arguments' count and names; tries each in a scratch sink when ambiguous. */
export function chooseOverload(context: BodyContext, expr: CallExpr, signatures: Signature[], outer: Bindings): Signature | undefined {
  const byArity = signatures.filter((signature) => arityMatches(signature, expr.args));
  if (byArity.length === 1) return byArity[0];
  if (byArity.length === 0) {
    const name = exprText(expr.callee);
    if (signatures.length === 1) return signatures[0]; // bindArguments reports the precise problem
    error(context, expr.loc, `${name}: no overload takes ${expr.args.length} argument${expr.args.length === 1 ? '' : 's'}`);
    return undefined;
  }
  for (const signature of byArity) {
    const scratch: Checker = { ...context.checker, diagnostics: new Diagnostics() };
    bindArguments({ ...context, checker: scratch }, expr, signature, new Map(outer));
    if (!scratch.diagnostics.hasErrors()) return signature;
  }
  return byArity[0];
}

function arityMatches(signature: Signature, args: Argument[]): boolean {
  const required = signature.params.filter((param) => !param.defaultValue && !param.optional);
  if (args.some((arg) => arg.name !== undefined)) {
    const names = new Set(args.map((arg) => arg.name));
    return [...names].every((name) => signature.params.some((param) => param.name === name)) && required.every((param) => names.has(param.name));
  }
  return args.length >= required.length && args.length <= signature.params.length;
}

function finish(context: BodyContext, expr: CallExpr, signature: Signature, callee: IrCallee, bindings: Bindings): LoweredCall {
  const errorsBefore = context.checker.diagnostics.errorCount();
  const args = bindArguments(context, expr, signature, bindings);
  const typeArgs = signature.typeParams.map((name) => bindings.get(name) ?? UNKNOWN);
  const clean = context.checker.diagnostics.errorCount() === errorsBefore;
  signature.typeParams.forEach((name, index) => {
    // An unsized literal cannot fix a run-time width (spec "Infinite-precision integers": `int` has no run-time representation).
    if (clean && typeArgs[index].kind === 'int') {
      error(context, expr.loc, `${exprText(expr.callee)}: cannot infer a width for type parameter ${name} from an integer literal; give the literal a width or cast it`);
    }
  });
  if (callee.kind === 'externMethod' || callee.kind === 'externFunction') callee.typeArgs = typeArgs;
  return { call: { callee, args, loc: expr.loc }, type: substitute(signature.returnType, bindings) };
}

/**
 * Matches arguments to parameters (positional or all named, spec §8.20), fills
 * defaults, infers type variables, then converts `in` arguments and checks that
 * `out`/`inout` arguments are left-values of exactly the parameter type.
 */
export function bindArguments(context: BodyContext, expr: CallExpr, signature: Signature, bindings: Bindings): IrArgument[] {
  const name = exprText(expr.callee);
  const named = expr.args.some((arg) => arg.name !== undefined);
  if (named && expr.args.some((arg) => arg.name === undefined)) {
    error(context, expr.loc, `${name}: positional and named arguments cannot be mixed`);
  }
  if (!named && expr.args.length > signature.params.length) {
    error(context, expr.loc, `${name}: expected at most ${signature.params.length} arguments, got ${expr.args.length}`);
  }
  const byParam: (Argument | undefined)[] = signature.params.map((param, index) =>
    named ? expr.args.find((arg) => arg.name === param.name) : expr.args[index],
  );
  if (named) {
    for (const arg of expr.args) {
      if (arg.name !== undefined && !signature.params.some((param) => param.name === arg.name)) {
        error(context, arg.loc, `${name}: no parameter named ${arg.name}`);
      }
    }
  }
  const lowered: (IrExpr | undefined)[] = signature.params.map((param, index) => {
    const arg = byParam[index];
    if (!arg) {
      if (param.defaultValue) return lowerExpr(constantContext(context.checker, context.checker.globals), param.defaultValue, param.type);
      if (!param.optional) error(context, expr.loc, `${name}: missing argument for parameter ${param.name}`);
      return undefined;
    }
    if (arg.value.kind === 'DontCare') {
      if (param.direction !== 'out') error(context, arg.loc, `${name}: '_' can only be passed to an out parameter (${param.name} is ${param.direction === 'none' ? 'directionless' : param.direction})`);
      return undefined;
    }
    const hint = containsTypeVar(param.type) ? substitute(param.type, bindings) : param.type;
    const value = lowerExpr(context, arg.value, containsTypeVar(hint) ? undefined : hint);
    const problem = unify(param.type, value.type, bindings);
    // With every type variable already bound, the conversion below reports the mismatch once.
    if (problem && containsTypeVar(hint)) error(context, arg.loc, `${name}: ${problem}`);
    return value;
  });
  return signature.params.map((param, index) => {
    const type = substitute(param.type, bindings);
    let value = lowered[index];
    if (value && containsTypeVar(type)) {
      if (value.type.kind === 'int') error(context, value.loc, `${name}: cannot infer a width for argument ${param.name}; give the literal a width (e.g. 8w1) or cast it`);
    }
    if (value && param.type.kind !== 'int' && containsTypeVar(param.type)) {
      if (value.kind === 'list' && value.elements.some((element) => element.type.kind === 'int')) {
        error(context, value.loc, `${name}: integer literals in a list passed as ${param.name} need a width`);
      }
    }
    if (value && (param.direction === 'out' || param.direction === 'inout')) {
      const problem = lvalueProblem(context, value);
      if (problem) error(context, value.loc, `${name}: argument for ${param.direction} parameter ${param.name} must be a left-value: ${problem}`);
      else if (!containsTypeVar(type) && !sameType(value.type, type)) {
        error(context, value.loc, `${name}: argument for ${param.direction} parameter ${param.name} has type '${typeToString(value.type)}', expected '${typeToString(type)}'`);
      }
    } else if (value && !containsTypeVar(type)) {
      value = coerce(context, value, type, `argument ${param.name} of ${name}`);
    }
    return { param: param.name, direction: param.direction, type: containsTypeVar(type) ? (value?.type ?? type) : type, value };
  });
}

