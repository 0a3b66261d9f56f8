// Instantiations (spec §11.3, §10.3.1): extern objects with constant
// constructor arguments, parser/control instances (lowered once per instance
// so every control-plane name is fully qualified), value sets and packages.

import type { Argument, CallExpr, ControlDecl, Expr, Instantiation, Loc, Parameter, ParserDecl, TypeRef, ValueSetDecl } from '../ast.js';
import type { IrConstructorArg, IrPackageArg, IrParam, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { bindArguments, chooseOverload, prototypeSignature } from './calls.js';
import { lowerFunction } from './actions.js';
import { type BodyContext, type Checker, error, exprText, FrameBuilder, Scope, type Symbol } from './context.js';
import { lowerControlInstance } from './controls.js';
import { lowerParserInstance } from './parsers.js';
import { constantContext, controlPlaneName, evalInteger, type IrConst, lowerAnnotations, resolveType } from './resolve.js';
import { sizeInBits } from './sizes.js';
import { type Bindings, sameType, substitute, unify, UNKNOWN } from './types.js';

/**
 * Constructor parameter → its value: a folded constant, or the sub-parser /
 * sub-control instance passed for a parameter of parser or control type.
 */
export type ConstructorBindings = Map<string, IrConst | Extract<Symbol, { kind: 'subParser' | 'subControl' }>>;

/** The scope of a parser or control body: globals plus its constructor parameters bound to their arguments. */
export function constructorScope(checker: Checker, constructorArgs: ConstructorBindings): Scope {
  const scope = new Scope(checker.globals);
  for (const [param, value] of constructorArgs) scope.set(param, value.kind === 'const' ? { kind: 'constant', value } : value);
  return scope;
}

function typeRefName(ref: TypeRef): { name: string; global: boolean; args: TypeRef[] } | undefined {
  if (ref.kind === 'NamedType') return { name: ref.name, global: ref.global, args: [] };
  if (ref.kind === 'SpecializedType') return { name: ref.base.name, global: ref.base.global, args: ref.args };
  return undefined;
}

/** An instantiation inside a parser or control (externs, sub-blocks, value sets). */
export function instantiateLocal(context: BodyContext, decl: Instantiation | ValueSetDecl): void {
  if (context.scope.lookupLocal(decl.name)) error(context, decl.loc, `${decl.name}: duplicate declaration`);
  if (decl.kind === 'ValueSetDecl') {
    declareValueSet(context, decl);
    return;
  }
  instantiate(context, decl, controlPlaneName(context.prefix, decl.name, decl.annotations));
}

export function instantiateTopLevel(checker: Checker, decl: Instantiation): void {
  const context = constantContext(checker, checker.globals);
  if (checker.globals.lookupLocal(decl.name)) error(checker, decl.loc, `${decl.name}: duplicate declaration`);
  instantiate(context, decl, controlPlaneName('', decl.name, decl.annotations));
}

function instantiate(context: BodyContext, decl: Instantiation, name: string): void {
  const ref = typeRefName(decl.type);
  const symbol = ref ? (ref.global ? context.checker.globals.lookup(ref.name) : context.scope.lookup(ref.name)) : undefined;
  if (decl.initializer?.length && symbol?.kind !== 'externType') error(context, decl.loc, `${decl.name}: only extern instances can implement abstract methods`);
  switch (symbol?.kind) {
    case 'externType': {
      const index = instantiateExtern(context, symbol.decl, ref?.args ?? [], decl.args, decl.name, name, decl.annotations, decl.loc);
      if (index === undefined) return;
      context.scope.set(decl.name, { kind: 'instance', index, type: externType(context, index) });
      implementAbstractMethods(context, symbol.decl, index, decl);
      return;
    }
    case 'parserDecl':
    case 'controlDecl': {
      const isParser = symbol.kind === 'parserDecl';
      if (context.kind !== 'constant' && context.kind !== (isParser ? 'parser' : 'control')) {
        error(context, decl.loc, `${decl.name}: a ${isParser ? 'parser' : 'control'} cannot be instantiated here`);
        return;
      }
      const index = instantiateBlock(context, symbol.decl, decl.args, name, decl.loc);
      if (index === undefined) return;
      context.scope.set(decl.name, isParser ? { kind: 'subParser', index, decl: symbol.decl as ParserDecl } : { kind: 'subControl', index, decl: symbol.decl as ControlDecl });
      return;
    }
    case 'packageType': {
      if (context.kind !== 'constant') {
        error(context, decl.loc, `${decl.name}: packages can only be instantiated at the top level`);
        return;
      }
      const index = instantiatePackage(context, symbol.decl, ref?.args ?? [], decl.args, decl.name, decl.loc);
      context.scope.set(decl.name, { kind: 'package', index });
      if (decl.name === 'main') context.checker.program.main = index;
      return;
    }
    default:
      error(context, decl.type.loc, `${ref?.name ?? 'this type'}: cannot be instantiated`);
  }
}

/**
 * `RegisterAction<...>(reg) ra = { void apply(inout T value) {...} };` (spec §11.3.1):
 * each implementation becomes a function with its own frame, the extern's type
 * parameters bound to the instance's type arguments. Every abstract method must be given.
 */
function implementAbstractMethods(context: BodyContext, externDecl: import('../ast.js').ExternObjectDecl, index: number, decl: Instantiation): void {
  const instance = context.checker.program.instances[index];
  const abstract = externDecl.methods.filter((method) => method.isAbstract);
  const given = decl.initializer ?? [];
  const scope = new Scope(context.scope);
  externDecl.typeParams.forEach((param, position) => scope.set(param, { kind: 'type', type: instance.typeArgs[position] ?? UNKNOWN }));
  const methods: { name: string; function: number }[] = [];
  for (const member of given) {
    if (member.kind !== 'FunctionDecl') {
      error(context, member.loc, `${decl.name}: only method implementations may appear in an instance initializer`);
      continue;
    }
    const name = member.prototype.name;
    const declared = abstract.find((method) => method.name === name);
    if (!declared) {
      error(context, member.loc, `${decl.name}: ${externDecl.name} has no abstract method ${name}`);
      continue;
    }
    const fn = lowerFunction({ ...context, scope, frame: new FrameBuilder() }, member, undefined, false);
    checkImplementation(context, scope, declared, context.checker.program.functions[fn], decl.name);
    methods.push({ name, function: fn });
  }
  for (const method of abstract) {
    const optional = method.annotations.some((annotation) => annotation.name === 'optional');
    if (given.length && !optional && !methods.some((implemented) => implemented.name === method.name)) {
      error(context, decl.loc, `${decl.name}: abstract method ${method.name} is not implemented`);
    }
  }
  if (abstract.length && !given.length) error(context, decl.loc, `${decl.name}: ${externDecl.name} needs implementations of its abstract methods`);
  if (methods.length) instance.abstractMethods = methods;
}

/** An implementation must take the declared parameters (trailing @optional ones may go) with the same directions and types. */
function checkImplementation(context: BodyContext, scope: Scope, declared: import('../ast.js').FunctionPrototype, fn: import('../ir.js').IrFunction, owner: string): void {
  const required = declared.params.filter((param) => !param.annotations.some((annotation) => annotation.name === 'optional')).length;
  if (fn.params.length < required || fn.params.length > declared.params.length) {
    error(context, fn.loc, `${owner}: ${declared.name} takes ${declared.params.length} parameters, the implementation has ${fn.params.length}`);
    return;
  }
  fn.params.forEach((param, position) => {
    const expected = declared.params[position];
    const type = resolveType({ ...context, scope }, expected.type);
    if (param.direction !== expected.direction || !sameType(param.type, type)) {
      error(context, param.loc, `${owner}: parameter ${param.name} of ${declared.name} must be ${expected.direction === 'none' ? '' : expected.direction + ' '}${typeToString(type)}`);
    }
  });
  const returnType = declared.returnType ? resolveType({ ...context, scope }, declared.returnType) : undefined;
  if (returnType && !sameType(returnType, fn.returnType)) error(context, fn.loc, `${owner}: ${declared.name} must return ${typeToString(returnType)}`);
}

function externType(context: BodyContext, index: number): IrType {
  const instance = context.checker.program.instances[index];
  return { kind: 'extern', name: instance.externType, typeArgs: instance.typeArgs };
}

/**
 * `implementation = action_selector(...)`: an anonymous extern named after its
 * table; the annotations written on the property are the instance's (p4c:
 * `@max_group_size(200) implementation = action_selector(...)` sizes the selector).
 */
export function instantiateInline(context: BodyContext, call: CallExpr, name: string, annotations: import('../ast.js').Annotation[] = []): number | undefined {
  const callee = call.callee;
  const symbol = callee.kind === 'Path' ? context.scope.lookup(callee.name) : undefined;
  if (symbol?.kind !== 'externType') {
    error(context, call.loc, `${exprText(call)}: expected an extern constructor call`);
    return undefined;
  }
  const local = name.split('.').pop() ?? name;
  return instantiateExtern(context, symbol.decl, call.typeArgs, call.args, local, name, annotations, call.loc);
}

function instantiateExtern(
  context: BodyContext,
  decl: import('../ast.js').ExternObjectDecl,
  typeArgRefs: TypeRef[],
  args: Argument[],
  localName: string,
  name: string,
  annotations: import('../ast.js').Annotation[],
  loc: Loc,
): number | undefined {
  const checker = context.checker;
  const constructors = decl.methods.filter((method) => method.returnType === undefined && method.name === decl.name);
  if (constructors.length === 0) {
    error(context, loc, `${decl.name}: extern has no constructor and cannot be instantiated`);
    return undefined;
  }
  const constant: BodyContext = { ...context, kind: 'constant' };
  const bindings: Bindings = new Map();
  if (typeArgRefs.length) {
    // Missing trailing type arguments are inferred like omitted ones (as p4c accepts `register<bit<32>>`).
    if (typeArgRefs.length > decl.typeParams.length) error(context, loc, `${decl.name}: expected ${decl.typeParams.length} type arguments, got ${typeArgRefs.length}`);
    typeArgRefs.forEach((ref, index) => {
      if (index < decl.typeParams.length && ref.kind !== 'DontCareType') bindings.set(decl.typeParams[index], resolveType(context, ref, true));
    });
  }
  const call: CallExpr = { kind: 'Call', callee: { kind: 'Path', name: decl.name, global: false, loc }, typeArgs: [], args, loc };
  const signatures = constructors.map((prototype, index) => prototypeSignature(checker, prototype, index, decl.typeParams));
  const chosen = chooseOverload(constant, call, signatures, bindings);
  if (!chosen) return undefined;
  const bound = bindArguments(constant, call, chosen, bindings);
  const constructorArgs: IrConstructorArg[] = [];
  for (const arg of bound) {
    if (!arg.value) continue;
    if (arg.value.kind !== 'const') {
      if (arg.value.type.kind !== 'unknown') error(context, arg.value.loc, `${decl.name}: constructor argument ${arg.param} must be a compile-time constant`);
      continue;
    }
    constructorArgs.push({ name: arg.param, type: arg.value.type, value: arg.value.value });
  }
  // Type arguments not fixed here stay unknown until a method call infers them
  // (e.g. counter<I> from count(index)); checkProgram reports any left unknown.
  const typeArgs = decl.typeParams.map((param) => bindings.get(param) ?? UNKNOWN);
  typeArgs.forEach((type, index) => {
    if (type.kind === 'int') {
      error(context, loc, `${decl.name}: cannot infer a width for type argument ${decl.typeParams[index]} from an integer literal; write ${decl.name}<...>`);
      typeArgs[index] = UNKNOWN;
    }
  });
  const program = checker.program;
  const index = program.instances.length;
  program.instances.push({
    index,
    name: localName,
    controlPlaneName: name,
    externType: decl.name,
    typeArgs,
    constructorOverload: chosen.overload,
    args: constructorArgs,
    annotations: lowerAnnotations(annotations),
    loc,
  });
  return index;
}

function declareValueSet(context: BodyContext, decl: ValueSetDecl): void {
  if (context.kind !== 'parser') error(context, decl.loc, `${decl.name}: value sets can only be declared in parsers`);
  const elementType = resolveType(context, decl.elementType);
  const constant: BodyContext = { ...context, kind: 'constant' };
  const sizeExpr = resolveSize(constant, decl.size);
  const width = sizeInBits(elementType, false) ?? 0;
  const program = context.checker.program;
  const index = program.valueSets.length;
  program.valueSets.push({
    index,
    name: decl.name,
    controlPlaneName: controlPlaneName(context.prefix, decl.name, decl.annotations),
    elementType,
    width,
    size: sizeExpr ?? 0,
    annotations: lowerAnnotations(decl.annotations),
    loc: decl.loc,
  });
  context.scope.set(decl.name, { kind: 'valueSet', index, type: elementType });
}

function resolveSize(context: BodyContext, expr: Expr): number | undefined {
  return evalInteger(context, expr, 'value set size');
}

/** Binds constructor parameters of a parser/control to constants, then lowers the instance. */
/**
 * Spec §15.1 "Direct type invocation": `T.apply(args)` for a parser or control
 * type T without constructor parameters is an anonymous instantiation local to
 * the caller, named after T (p4c names it so; later ones in the same block get
 * `T_1`, `T_2`, ...). Returns the instance index (parsers or controls).
 */
export function instantiateDirect(context: BodyContext, decl: ParserDecl | ControlDecl, loc: Loc): number | undefined {
  if (decl.ctorParams.length) {
    error(context, loc, `${decl.name}: a directly applied ${decl.kind === 'ParserDecl' ? 'parser' : 'control'} cannot have constructor parameters`);
    return undefined;
  }
  const program = context.checker.program;
  const taken = new Set((decl.kind === 'ParserDecl' ? program.parsers : program.controls).map((block) => block.controlPlaneName));
  let name = controlPlaneName(context.prefix, decl.name, undefined);
  for (let counter = 1; taken.has(name); counter++) name = controlPlaneName(context.prefix, `${decl.name}_${counter}`, undefined);
  return instantiateBlock(context, decl, [], name, loc);
}

function instantiateBlock(context: BodyContext, decl: ParserDecl | ControlDecl, args: Argument[], name: string, loc: Loc): number | undefined {
  const bindings = bindConstructorParams(context, decl.name, decl.ctorParams, args, loc);
  if (!bindings) return undefined;
  const lowering = (context.checker.lowering ??= new Set());
  // Spec §11.3: instantiation is compile-time unrolling; a block containing itself never ends.
  if (lowering.has(decl)) {
    error(context, loc, `${decl.name}: recursive instantiation`);
    return undefined;
  }
  lowering.add(decl);
  try {
    return decl.kind === 'ParserDecl'
      ? lowerParserInstance(context.checker, decl, name, bindings)
      : lowerControlInstance(context.checker, decl, name, bindings);
  } finally {
    lowering.delete(decl);
  }
}

function bindConstructorParams(context: BodyContext, owner: string, params: Parameter[], args: Argument[], loc: Loc): ConstructorBindings | undefined {
  const constant: BodyContext = { ...context, kind: 'constant' };
  const allParams = params.map((param) => ({ name: param.name, direction: param.direction, type: resolveType(constant, param.type), defaultValue: param.defaultValue, optional: false }));
  const result: ConstructorBindings = new Map();
  // Parameters of parser/control type take an instance, not a value (spec §11.3, e.g. `C2(c1) c2;`).
  const named = args.some((arg) => arg.name !== undefined);
  const blockParams = new Set(allParams.filter((param) => param.type.kind === 'parser' || param.type.kind === 'control').map((param) => param.name));
  const valueArgs = args.filter((arg, index) => {
    const param = named ? allParams.find((candidate) => candidate.name === arg.name) : allParams[index];
    if (!param || !blockParams.has(param.name)) return true;
    const instance = blockArgument(context, arg.value, param.type.kind as 'parser' | 'control', `${owner}_${param.name}`);
    if (instance) result.set(param.name, instance);
    return false;
  });
  const signature = {
    name: owner,
    typeParams: [],
    params: named ? allParams.filter((param) => !blockParams.has(param.name)) : allParams.filter((param, index) => !blockParams.has(param.name) || index >= args.length),
    returnType: { kind: 'void' } as IrType,
    overload: 0,
  };
  const call: CallExpr = { kind: 'Call', callee: { kind: 'Path', name: owner, global: false, loc }, typeArgs: [], args: valueArgs, loc };
  const bound = bindArguments(constant, call, signature, new Map());
  for (const arg of bound) {
    if (arg.value?.kind === 'const') result.set(arg.param, arg.value);
    else if (arg.value && arg.value.type.kind !== 'unknown') error(context, arg.value.loc, `${owner}: constructor argument ${arg.param} must be a compile-time constant`);
  }
  return result;
}

/** A parser/control instance given as a constructor argument: a declared instance `c1` or an inline `C1()`. */
function blockArgument(context: BodyContext, value: Expr, kind: 'parser' | 'control', inlineName: string): Extract<Symbol, { kind: 'subParser' | 'subControl' }> | undefined {
  const wanted = kind === 'parser' ? 'subParser' : 'subControl';
  if (value.kind === 'Path') {
    const symbol = value.global ? context.checker.globals.lookup(value.name) : context.scope.lookup(value.name);
    if (symbol?.kind === wanted) return symbol;
  } else if (value.kind === 'Call' && value.callee.kind === 'Path') {
    const symbol = context.scope.lookup(value.callee.name);
    if (symbol?.kind === 'parserDecl' || symbol?.kind === 'controlDecl') {
      const index = instantiateBlock(context, symbol.decl, value.args, controlPlaneName(context.prefix, inlineName, undefined), value.loc);
      if (index === undefined) return undefined;
      return symbol.kind === 'parserDecl'
        ? (symbol.decl.kind === 'ParserDecl' && kind === 'parser' ? { kind: 'subParser', index, decl: symbol.decl } : undefined)
        : (symbol.decl.kind === 'ControlDecl' && kind === 'control' ? { kind: 'subControl', index, decl: symbol.decl } : undefined);
    }
  }
  error(context, value.loc, `${exprText(value)}: expected a ${kind} instance`);
  return undefined;
}

function instantiatePackage(
  context: BodyContext,
  decl: import('../ast.js').PackageTypeDecl,
  typeArgRefs: TypeRef[],
  args: Argument[],
  name: string,
  loc: Loc,
): number {
  const program = context.checker.program;
  const scope = new Scope(context.checker.globals);
  for (const param of decl.typeParams) scope.set(param, { kind: 'typeVar', name: param });
  const typeContext: BodyContext = { ...context, scope };
  const params = decl.params.map((param) => ({ param, type: resolveType(typeContext, param.type) }));
  const bindings: Bindings = new Map();
  typeArgRefs.forEach((ref, index) => {
    if (index < decl.typeParams.length && ref.kind !== 'DontCareType') bindings.set(decl.typeParams[index], resolveType(context, ref, true));
  });
  const named = args.some((arg) => arg.name !== undefined);
  if (!named && args.length > params.length) error(context, loc, `${decl.name}: expected ${params.length} arguments, got ${args.length}`);
  const index = program.packages.length;
  const packageArgs: IrPackageArg[] = [];
  program.packages.push({ index, typeName: decl.name, name, args: packageArgs, typeArgs: [], loc });
  // p4c names blocks passed anonymously to `main` by their type; other packages prefix their own name.
  const prefix = name === 'main' ? '' : name;
  params.forEach(({ param, type }, position) => {
    const arg = named ? args.find((annotation) => annotation.name === param.name) : args[position];
    if (!arg) {
      if (!param.defaultValue && !param.annotations.some((annotation) => annotation.name === 'optional')) error(context, loc, `${decl.name}: missing argument for parameter ${param.name}`);
      return;
    }
    const lowered = packageArgument(context, arg.value, prefix);
    if (!lowered) return;
    packageArgs.push({ param: param.name, ...lowered });
    checkPackageArgument(context, type, lowered, bindings, `${decl.name} parameter ${param.name}`, arg.value.loc);
  });
  program.packages[index].typeArgs = decl.typeParams.map((param) => bindings.get(param) ?? UNKNOWN);
  return index;
}

function packageArgument(context: BodyContext, value: Expr, prefix: string): Omit<IrPackageArg, 'param'> | undefined {
  const path = value.kind === 'Call' ? value.callee : value;
  if (path.kind !== 'Path') {
    error(context, value.loc, `${exprText(value)}: expected a parser, control, package or extern`);
    return undefined;
  }
  const symbol = path.global ? context.checker.globals.lookup(path.name) : context.scope.lookup(path.name);
  if (value.kind === 'Call') {
    const name = prefix ? `${prefix}.${path.name}` : path.name;
    switch (symbol?.kind) {
      case 'parserDecl':
      case 'controlDecl': {
        const index = instantiateBlock(context, symbol.decl, value.args, name, value.loc);
        return index === undefined ? undefined : { kind: symbol.kind === 'parserDecl' ? 'parser' : 'control', index };
      }
      case 'packageType':
        return { kind: 'package', index: instantiatePackage(context, symbol.decl, value.typeArgs, value.args, name, value.loc) };
      case 'externType': {
        const index = instantiateExtern(context, symbol.decl, value.typeArgs, value.args, path.name, name, [], value.loc);
        return index === undefined ? undefined : { kind: 'extern', index };
      }
      default:
        break;
    }
  } else {
    switch (symbol?.kind) {
      case 'subParser':
        return { kind: 'parser', index: symbol.index };
      case 'subControl':
        return { kind: 'control', index: symbol.index };
      case 'package':
        return { kind: 'package', index: symbol.index };
      case 'instance':
        return { kind: 'extern', index: symbol.index };
      default:
        break;
    }
  }
  error(context, value.loc, `${exprText(value)}: expected a parser, control, package or extern instance`);
  return undefined;
}

/** Checks a block against a package parameter type like `Parser<H, M>`, inferring H and M. */
function checkPackageArgument(context: BodyContext, expected: IrType, arg: Omit<IrPackageArg, 'param'>, bindings: Bindings, what: string, loc: Loc): void {
  if (expected.kind === 'unknown' || expected.kind === 'typeVar') return;
  const program = context.checker.program;
  const actualKind = arg.kind;
  if ((expected.kind === 'parser' || expected.kind === 'control' || expected.kind === 'package') && expected.kind !== actualKind) {
    error(context, loc, `${what}: expected a ${expected.kind} of type ${expected.name}, got a ${actualKind}`);
    return;
  }
  if (expected.kind !== 'parser' && expected.kind !== 'control' && expected.kind !== 'package' && expected.kind !== 'extern') {
    error(context, loc, `${what}: expected a value of type '${typeToString(expected)}', got a ${actualKind}`);
    return;
  }
  if (expected.kind === 'extern') {
    if (actualKind !== 'extern') {
      error(context, loc, `${what}: expected an instance of ${expected.name}, got a ${actualKind}`);
      return;
    }
    const instance = program.instances[arg.index];
    if (instance.externType !== expected.name) error(context, loc, `${what}: expected ${expected.name}, got ${instance.externType}`);
    return;
  }
  if (expected.kind === 'package') {
    // A nested package (TNA `Switch(pipe)`): its inferred type arguments bind ours.
    const nested = program.packages[arg.index];
    (expected.typeArgs ?? []).forEach((pattern, index) => {
      const actual = nested.typeArgs[index];
      const problem = actual ? unify(pattern, actual, bindings) : undefined;
      if (problem) error(context, loc, `${what}: ${problem}`);
    });
    return;
  }
  if (expected.kind !== 'parser' && expected.kind !== 'control') return;
  const typeSymbol = context.checker.globals.lookup(expected.name);
  if (typeSymbol?.kind !== 'parserType' && typeSymbol?.kind !== 'controlType') return;
  const typeDecl = typeSymbol.decl;
  const scope = new Scope(context.checker.globals);
  for (const param of typeDecl.typeParams) scope.set(param, { kind: 'typeVar', name: `${typeDecl.name}::${param}` });
  const inner: Bindings = new Map();
  typeDecl.typeParams.forEach((param, index) => {
    const given = expected.typeArgs?.[index];
    if (given) inner.set(`${typeDecl.name}::${param}`, given);
  });
  const actualParams: IrParam[] = actualKind === 'parser' ? program.parsers[arg.index].params : program.controls[arg.index].params;
  const blockName = actualKind === 'parser' ? program.parsers[arg.index].typeName : program.controls[arg.index].typeName;
  // Trailing @optional parameters of the type may be left out (TNA's intrinsic metadata).
  const required = typeDecl.params.filter((param) => !param.annotations.some((annotation) => annotation.name === 'optional')).length;
  if (actualParams.length > typeDecl.params.length || actualParams.length < required) {
    error(context, loc, `${what}: ${blockName} has ${actualParams.length} parameters, ${typeDecl.name} has ${typeDecl.params.length}`);
    return;
  }
  typeDecl.params.forEach((param, index) => {
    const actual = actualParams[index];
    if (!actual) return;
    const declared = substitute(resolveType({ ...context, scope }, param.type), inner);
    if (param.direction !== actual.direction) {
      error(context, actual.loc, `${what}: parameter ${actual.name} of ${blockName} is ${actual.direction === 'none' ? 'directionless' : actual.direction}, ${typeDecl.name} expects ${param.direction === 'none' ? 'directionless' : param.direction}`);
    }
    const problem = unify(declared, actual.type, bindings);
    const resolved = substitute(declared, bindings);
    if (problem) error(context, actual.loc, `${what}: ${blockName} parameter ${actual.name}: ${problem}`);
    else if (!sameType(resolved, actual.type)) {
      error(context, actual.loc, `${what}: parameter ${actual.name} of ${blockName} has type '${typeToString(actual.type)}', ${typeDecl.name} expects '${typeToString(resolved)}'`);
    }
  });
}
