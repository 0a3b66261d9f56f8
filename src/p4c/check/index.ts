// The P4_16 type checker: resolves names, types every expression, folds
// constants and lowers the AST to the IR (ir.ts). Declarations are processed in
// order (spec "Scopes": names must be declared before use); parsers and controls are
// lowered once per instance, starting from the top-level instantiations.
// Errors are values in `diagnostics`; an internal bug becomes an
// "internal error" diagnostic, never an exception escaping to the caller.
//
// Files: context (scopes, symbols, frames) · resolve (types, constants,
// annotations, names) · values/types (folding, type identity, unification) ·
// declarations (headers, enums, externs) · expressions/operators/calls/sizes ·
// statements · actions · parsers · controls · tables · instances (externs,
// sub-blocks, packages) · dump (text form) · validate (IR invariants).

import type { ControlDecl, Declaration, Loc, Parameter, ParserDecl, Program } from '../ast.js';
import type { Diagnostics } from '../diagnostics.js';
import type { IrHeaderType, IrProgram } from '../ir.js';
import { checkParameterDefaults, lowerAction, lowerFunction } from './actions.js';
import { type Checker, error, Scope } from './context.js';
import { lowerControlInstance } from './controls.js';
import {
  declareEnum,
  declareErrors,
  declareExtern,
  declareExternFunction,
  declareMatchKinds,
  declareStructLike,
  declareTypedef,
} from './declarations.js';
import { instantiateTopLevel } from './instances.js';
import { lowerParserInstance } from './parsers.js';
import { constantContext } from './resolve.js';
import { declareConstant } from './statements.js';

export { sizeInBits } from './sizes.js';
export { dumpProgram, formatCall, formatExpr, formatStatements, formatValue } from './dump.js';
export { validateProgram } from './validate.js';

export function emptyProgram(): IrProgram {
  return {
    types: new Map(),
    errors: [],
    matchKinds: [],
    externTypes: [],
    externFunctions: [],
    parsers: [],
    controls: [],
    actions: [],
    functions: [],
    tables: [],
    instances: [],
    valueSets: [],
    packages: [],
    controllerHeaders: {},
    digests: [],
  };
}

/** Type-checks `program` and lowers it to IR; undefined when any error was reported. */
export function checkProgram(program: Program, diagnostics: Diagnostics): IrProgram | undefined {
  const checker: Checker = { diagnostics, program: emptyProgram(), globals: new Scope() };
  const instantiated = new Set<Declaration>();
  const nowhere: Loc = { file: '', line: 0, col: 0 };
  guarded(checker, nowhere, () => {
    for (const decl of program.declarations) {
      if (diagnostics.saturated()) break;
      guarded(checker, decl.loc ?? nowhere, () => declareTopLevel(checker, decl, instantiated));
    }
  });
  guarded(checker, nowhere, () => checkUninstantiated(checker, program, instantiated));
  guarded(checker, nowhere, () => findControllerHeaders(checker));
  guarded(checker, nowhere, () => checkInstanceTypeArgs(checker));
  guarded(checker, nowhere, () => checkControlPlaneNames(checker));
  return diagnostics.hasErrors() ? undefined : checker.program;
}

function guarded(checker: Checker, loc: Loc, run: () => void): void {
  try {
    run();
  } catch (caught) {
    if (caught instanceof RangeError) {
      // Deep nesting exhausts the JS stack: a limit of this checker, reported on the declaration.
      error(checker, loc, 'program is nested too deeply to check');
      return;
    }
    const message = caught instanceof Error ? caught.message : String(caught);
    // Name the checker function that failed so a report can be acted on.
    const site = caught instanceof Error ? caught.stack?.split('\n').find((line) => line.includes('/check/'))?.trim() : undefined;
    error(checker, loc, `internal error: ${message}${site ? ` (${site.replace(/^at /, 'in ').replace(/\(.*\/check\//, '(')})` : ''}`);
  }
}

/** p4c (testdata p4_16_errors/default-control-argument.p4): block type declarations take no default values. */
function rejectDefaultValues(checker: Checker, params: Parameter[], word: string): void {
  for (const param of params) {
    if (param.defaultValue) error(checker, param.loc, `${param.name}: ${word} type declarations cannot have parameters with default values`);
  }
}


/**
 * Apply and constructor parameters share one scope (spec §6.8): a constructor
 * parameter may not reuse a name (p4c dup-param.p4). Duplicates among apply
 * parameters are reported when the block is lowered.
 */
function checkConstructorParameters(checker: Checker, owner: string, params: Parameter[], ctorParams: Parameter[], typeParams: string[]): void {
  const seen = new Set([...typeParams, ...params.map((param) => param.name)]);
  for (const param of ctorParams) {
    if (seen.has(param.name)) error(checker, param.loc, `${owner}: duplicate parameter ${param.name}`);
    seen.add(param.name);
  }
}

function declareTopLevel(checker: Checker, decl: Declaration, instantiated: Set<Declaration>): void {
  const context = constantContext(checker, checker.globals);
  const globals = checker.globals;
  const unique = (name: string): boolean => {
    if (globals.lookupLocal(name)) {
      error(checker, decl.loc, `${name}: duplicate declaration`);
      return false;
    }
    return true;
  };
  switch (decl.kind) {
    case 'ConstantDeclaration':
      declareConstant(context, decl);
      return;
    case 'VariableDeclaration':
      error(checker, decl.loc, `${decl.name}: variables cannot be declared at the top level`);
      return;
    case 'Instantiation':
      markInstantiated(checker, decl, instantiated);
      instantiateTopLevel(checker, decl);
      return;
    case 'HeaderDecl':
    case 'HeaderUnionDecl':
    case 'StructDecl':
      declareStructLike(context, decl);
      return;
    case 'EnumDecl':
      declareEnum(context, decl);
      return;
    case 'ErrorDecl':
      declareErrors(checker, decl.members);
      return;
    case 'MatchKindDecl':
      declareMatchKinds(checker, decl.members);
      return;
    case 'TypedefDecl':
      declareTypedef(context, decl);
      return;
    case 'ExternObjectDecl':
      for (const method of decl.methods) checkParameterDefaults(checker, method.params, [...decl.typeParams, ...method.typeParams]);
      declareExtern(checker, decl);
      return;
    case 'ExternFunctionDecl':
      checkParameterDefaults(checker, decl.prototype.params, decl.prototype.typeParams);
      declareExternFunction(checker, decl.prototype);
      return;
    case 'ParserTypeDecl':
      checkConstructorParameters(checker, decl.name, [], decl.params, decl.typeParams);
      rejectDefaultValues(checker, decl.params, 'parser');
      if (unique(decl.name)) globals.set(decl.name, { kind: 'parserType', decl });
      return;
    case 'ControlTypeDecl':
      checkConstructorParameters(checker, decl.name, [], decl.params, decl.typeParams);
      rejectDefaultValues(checker, decl.params, 'control');
      if (unique(decl.name)) globals.set(decl.name, { kind: 'controlType', decl });
      return;
    case 'PackageTypeDecl':
      checkConstructorParameters(checker, decl.name, [], decl.params, decl.typeParams);
      if (unique(decl.name)) globals.set(decl.name, { kind: 'packageType', decl });
      return;
    case 'ParserDecl':
    case 'ControlDecl': {
      checkConstructorParameters(checker, decl.name, decl.params, decl.ctorParams, decl.typeParams);
      // p4c accepts a parser or control named like an extern function (testdata
      // issue1653-complex-bmv2: `control verify_checksum`); calls still reach the function.
      const existing = globals.lookupLocal(decl.name);
      const shadowedFunction = existing?.kind === 'externFunction' ? existing : undefined;
      if (!shadowedFunction && !unique(decl.name)) return;
      globals.set(decl.name, decl.kind === 'ParserDecl' ? { kind: 'parserDecl', decl, shadowedFunction } : { kind: 'controlDecl', decl, shadowedFunction });
      return;
    }
    case 'ActionDecl':
      checkParameterDefaults(checker, decl.params);
      lowerAction(context, decl);
      return;
    case 'FunctionDecl':
      checkParameterDefaults(checker, decl.prototype.params, decl.prototype.typeParams);
      lowerFunction(context, decl);
      return;
    case 'TableDecl':
      error(checker, decl.loc, `${decl.name}: tables can only be declared inside a control`);
      return;
    case 'ValueSetDecl':
      error(checker, decl.loc, `${decl.name}: value sets can only be declared inside a parser`);
      return;
  }
}

/** Records which parser/control declarations a top-level instantiation uses (directly or as constructor calls). */
function markInstantiated(checker: Checker, decl: Extract<Declaration, { kind: 'Instantiation' }>, instantiated: Set<Declaration>): void {
  const visit = (name: string): void => {
    const symbol = checker.globals.lookup(name);
    if (symbol?.kind === 'parserDecl' || symbol?.kind === 'controlDecl') instantiated.add(symbol.decl);
  };
  if (decl.type.kind === 'NamedType') visit(decl.type.name);
  const walk = (args: import('../ast.js').Argument[]): void => {
    for (const arg of args) {
      if (arg.value.kind === 'Call' && arg.value.callee.kind === 'Path') {
        visit(arg.value.callee.name);
        walk(arg.value.args);
      }
    }
  };
  walk(decl.args);
}

/**
 * Parsers and controls never instantiated are still type-checked (as p4c does).
 * With a `main` package they go to a scratch copy so nothing of theirs reaches
 * the P4Info; without one they are lowered into the program itself.
 */
function checkUninstantiated(checker: Checker, program: Program, instantiated: Set<Declaration>): void {
  const used = new Set(instantiated);
  for (const block of [...checker.program.parsers, ...checker.program.controls]) {
    const decl = findDecl(program, block.typeName);
    if (decl) used.add(decl);
  }
  for (const decl of program.declarations) {
    if (checker.diagnostics.saturated()) return;
    if ((decl.kind !== 'ParserDecl' && decl.kind !== 'ControlDecl') || used.has(decl) || decl.ctorParams.length) continue;
    // Library mode (no `main`): keep them, named by type, so tools can run one block alone.
    const scratch: Checker = checker.program.main === undefined ? checker : { ...checker, program: cloneProgram(checker.program) };
    guarded(checker, decl.loc, () => {
      if (decl.kind === 'ParserDecl') lowerParserInstance(scratch, decl as ParserDecl, decl.name, new Map());
      else lowerControlInstance(scratch, decl as ControlDecl, decl.name, new Map());
    });
  }
}

function findDecl(program: Program, name: string): Declaration | undefined {
  return program.declarations.find((decl) => (decl.kind === 'ParserDecl' || decl.kind === 'ControlDecl') && decl.name === name);
}

function cloneProgram(program: IrProgram): IrProgram {
  return {
    ...program,
    parsers: [...program.parsers],
    controls: [...program.controls],
    actions: [...program.actions],
    functions: [...program.functions],
    tables: [...program.tables],
    instances: [...program.instances],
    valueSets: [...program.valueSets],
    packages: [...program.packages],
    digests: [...program.digests],
  };
}

/**
 * P4Runtime addresses entities by name within a kind (P4Runtime §6.3), so two
 * tables, actions, value sets or instances of one extern may not share one
 * (e.g. the same `@name(".x")` twice, or a block instantiated twice under one name).
 */
function checkControlPlaneNames(checker: Checker): void {
  const program = checker.program;
  const groups: [string, { controlPlaneName: string; loc: Loc }[]][] = [
    ['table', program.tables],
    ['action', program.actions],
    ['value set', program.valueSets],
    ...[...new Set(program.instances.map((instance) => instance.externType))].map(
      (externType) => [externType, program.instances.filter((instance) => instance.externType === externType)] as [string, { controlPlaneName: string; loc: Loc }[]],
    ),
  ];
  for (const [kind, entities] of groups) {
    const seen = new Map<string, Loc>();
    for (const entity of entities) {
      const first = seen.get(entity.controlPlaneName);
      const where = first && (first.file === entity.loc.file ? `line ${first.line}` : `${first.file.split('/').pop()}:${first.line}`);
      if (first) error(checker, entity.loc, `${entity.controlPlaneName}: another ${kind} has this control-plane name (at ${where})`);
      else seen.set(entity.controlPlaneName, entity.loc);
    }
  }
}

/** Extern instances whose type arguments neither the declaration nor any method call fixed. */
function checkInstanceTypeArgs(checker: Checker): void {
  for (const instance of checker.program.instances) {
    const params = checker.program.externTypes.find((extern) => extern.name === instance.externType)?.typeParams ?? [];
    instance.typeArgs.forEach((type, index) => {
      if (type.kind === 'unknown') error(checker, instance.loc, `${instance.controlPlaneName}: cannot infer type argument ${params[index] ?? index} of ${instance.externType}; write ${instance.externType}<...>`);
    });
  }
}

/** `@controller_header("packet_in")` / `("packet_out")` headers for P4Runtime packet I/O. */
function findControllerHeaders(checker: Checker): void {
  for (const type of checker.program.types.values()) {
    if (type.kind !== 'header') continue;
    const annotation = type.annotations.find((annotation) => annotation.name === 'controller_header');
    const role = annotation?.args?.[0];
    if (role === 'packet_in') checker.program.controllerHeaders.packetIn = type as IrHeaderType;
    if (role === 'packet_out') checker.program.controllerHeaders.packetOut = type as IrHeaderType;
  }
}

