// Parser instances (spec §13): locals, states with their statements, and
// transitions. `start` is required and becomes states[0]; `accept` and `reject`
// are predefined; select keysets fold to constants of the selected types.

import type { Expr, Keyset, Loc, ParserDecl, SelectExpr } from '../ast.js';
import type { IrExpr, IrKeyset, IrParser, IrParserState, IrSelectCase, IrStatement, IrTransition, IrType } from '../ir.js';
import { ACCEPT_STATE, REJECT_STATE, typeToString } from '../ir.js';
import { checkBlockParams, declareParams } from './actions.js';
import { type BodyContext, childContext, declarationWord, error, exprText, FrameBuilder, Scope, type Checker } from './context.js';
import { coerce, lowerExpr } from './expressions.js';
import { constructorScope, instantiateLocal, type ConstructorBindings } from './instances.js';
import { lowerAnnotations } from './resolve.js';
import { declareConstant, declareVariable, lowerStatements } from './statements.js';
import { sameType } from './types.js';

export function lowerParserInstance(checker: Checker, decl: ParserDecl, name: string, constructorArgs: ConstructorBindings): number {
  const program = checker.program;
  const index = program.parsers.length;
  const frame = new FrameBuilder();
  const scope = constructorScope(checker, constructorArgs);
  const context: BodyContext = { checker, scope, frame, kind: 'parser', prefix: name };
  const parser: IrParser = {
    index,
    typeName: decl.name,
    controlPlaneName: name,
    params: [],
    frame: frame.frame,
    localInits: [],
    states: [],
    annotations: lowerAnnotations(decl.annotations),
    loc: decl.loc,
  };
  program.parsers.push(parser);
  if (decl.typeParams.length) error(context, decl.loc, `${decl.name}: generic parsers are not supported`);
  parser.params = declareParams(context, decl.params, frame, scope, decl.name);
  checkBlockParams(context, parser.params, decl.name);
  for (const local of decl.locals) {
    switch (local.kind) {
      case 'ConstantDeclaration':
        declareConstant(context, local);
        break;
      case 'VariableDeclaration':
        parser.localInits.push(...declareVariable(context, local));
        break;
      case 'Instantiation':
      case 'ValueSetDecl':
        instantiateLocal(context, local);
        break;
      default:
        error(context, local.loc, `${declarationWord(local.kind)} declarations are not allowed in a parser`);
    }
  }
  parser.states = lowerStates(context, decl);
  return index;
}

function lowerStates(context: BodyContext, decl: ParserDecl): IrParserState[] {
  const ordered = [...decl.states];
  const start = ordered.findIndex((state) => state.name === 'start');
  if (start < 0) error(context, decl.loc, `${decl.name}: parser has no start state`);
  else ordered.unshift(...ordered.splice(start, 1));
  const indices = new Map<string, number>();
  for (const state of ordered) {
    // Spec §13.4: accept and reject are predefined and cannot be redefined.
    if (state.name === 'accept' || state.name === 'reject') error(context, state.loc, `${state.name}: the ${state.name} state cannot be declared`);
    else if (indices.has(state.name)) error(context, state.loc, `${state.name}: duplicate state`);
    else indices.set(state.name, indices.size);
  }
  const states: IrParserState[] = [];
  for (const state of ordered) {
    if (!indices.has(state.name) || states.some((lowered) => lowered.name === state.name)) continue;
    const stateContext = childContext(context);
    const statements: IrStatement[] = lowerStatements(stateContext, state.statements);
    const transition = lowerTransition(stateContext, state.transition, indices, state.loc);
    states.push({ index: states.length, name: state.name, statements, transition, annotations: lowerAnnotations(state.annotations), loc: state.loc });
  }
  return states;
}

function stateIndex(context: BodyContext, name: string, indices: Map<string, number>, loc: Loc): number {
  if (name === 'accept') return ACCEPT_STATE;
  if (name === 'reject') return REJECT_STATE;
  const index = indices.get(name);
  if (index === undefined) {
    error(context, loc, `${name}: no such parser state`);
    return REJECT_STATE;
  }
  return index;
}

function lowerTransition(context: BodyContext, transition: ParserDecl['states'][number]['transition'], indices: Map<string, number>, loc: Loc): IrTransition {
  // A state without a transition rejects (p4c reports this; the spec requires one).
  if (!transition) {
    error(context, loc, 'a parser state needs a transition statement');
    return { kind: 'direct', next: REJECT_STATE, nextName: 'reject', loc };
  }
  if (transition.kind === 'Direct') {
    return { kind: 'direct', next: stateIndex(context, transition.state, indices, transition.loc), nextName: transition.state, loc: transition.loc };
  }
  return lowerSelect(context, transition, indices);
}

function lowerSelect(context: BodyContext, select: SelectExpr, indices: Map<string, number>): IrTransition {
  const exprs = select.exprs.map((expr) => lowerExpr(context, expr));
  exprs.forEach((expr, index) => {
    const kind = expr.type.kind;
    if (kind !== 'bit' && kind !== 'bool' && kind !== 'enum' && kind !== 'error' && kind !== 'unknown') {
      error(context, select.exprs[index].loc, `${exprText(select.exprs[index])}: cannot select on '${typeToString(expr.type)}'${kind === 'int' ? ' (give the value a width)' : ''}`);
    }
  });
  const cases: IrSelectCase[] = select.cases.map((selectCase) => ({
    keysets: lowerSelectKeyset(context, selectCase.keyset, exprs),
    next: stateIndex(context, selectCase.state, indices, selectCase.loc),
    nextName: selectCase.state,
    loc: selectCase.loc,
  }));
  return { kind: 'select', exprs, cases, loc: select.loc };
}

function lowerSelectKeyset(context: BodyContext, keyset: Keyset, exprs: IrExpr[]): IrKeyset[] {
  if (keyset.kind === 'Default' || keyset.kind === 'DontCareKey') return exprs.map(() => ({ kind: 'default' }));
  if (keyset.kind === 'Tuple') {
    if (keyset.elements.length !== exprs.length) {
      error(context, keyset.loc, `the keyset has ${keyset.elements.length} elements but select has ${exprs.length} expressions`);
      return exprs.map(() => ({ kind: 'default' }));
    }
    return keyset.elements.map((element, index) => lowerKeyset(context, element, exprs[index].type));
  }
  if (exprs.length > 1) {
    // A value set whose element is a struct covers all select expressions at once.
    const valueSet = valueSetOf(context, keyset);
    if (valueSet) return [valueSet];
    error(context, keyset.loc, `select has ${exprs.length} expressions; the keyset needs as many elements`);
    return exprs.map(() => ({ kind: 'default' }));
  }
  return [lowerKeyset(context, keyset, exprs[0].type)];
}

function valueSetOf(context: BodyContext, keyset: Keyset): IrKeyset | undefined {
  if (keyset.kind !== 'KeysetExpr' || keyset.expr.kind !== 'Path') return undefined;
  const symbol = context.scope.lookup(keyset.expr.name);
  return symbol?.kind === 'valueSet' ? { kind: 'valueSet', valueSet: symbol.index } : undefined;
}

/** One keyset element converted to `type` (spec §12.6: values, masks, ranges, default). */
export function lowerKeyset(context: BodyContext, keyset: Keyset, type: IrType): IrKeyset {
  switch (keyset.kind) {
    case 'Default':
    case 'DontCareKey':
      return { kind: 'default' };
    case 'Tuple':
      error(context, keyset.loc, 'nested keyset tuples are not allowed');
      return { kind: 'default' };
    case 'KeysetExpr': {
      const valueSet = valueSetOf(context, keyset);
      if (valueSet) {
        const set = context.checker.program.valueSets[(valueSet as { valueSet: number }).valueSet];
        // A struct element with one field matches a single select expression of that
        // field's type (p4c: testdata pvs-struct-1-bmv2).
        const element = set?.elementType;
        const single = element?.kind === 'struct' && element.fields.length === 1 ? element.fields[0].type : undefined;
        if (set && element && !sameType(element, type) && !(single && sameType(single, type))) {
          error(context, keyset.loc, `value set ${set.name} has elements of type '${typeToString(set.elementType)}', the select expression is '${typeToString(type)}'`);
        }
        return valueSet;
      }
      const value = keysetConstant(context, keyset.expr, type);
      return value === undefined ? { kind: 'default' } : { kind: 'value', value };
    }
    case 'Mask': {
      if (type.kind !== 'bit' && type.kind !== 'unknown') error(context, keyset.loc, `a mask keyset requires a bit<W> or int<W> key, not '${typeToString(type)}'`);
      const value = keysetConstant(context, keyset.value, type);
      const mask = keysetConstant(context, keyset.mask, type);
      return value === undefined || mask === undefined ? { kind: 'default' } : { kind: 'mask', value, mask };
    }
    case 'Range': {
      if (type.kind !== 'bit' && type.kind !== 'unknown') error(context, keyset.loc, `a range keyset requires a bit<W> or int<W> key, not '${typeToString(type)}'`);
      const low = keysetConstant(context, keyset.lo, type);
      const high = keysetConstant(context, keyset.hi, type);
      return low === undefined || high === undefined ? { kind: 'default' } : { kind: 'range', low, high };
    }
  }
}

function keysetConstant(context: BodyContext, expr: Expr, type: IrType): import('../ir.js').Value | undefined {
  const lowered = coerce(context, lowerExpr(context, expr, type), type, exprText(expr));
  if (lowered.type.kind === 'unknown') return undefined;
  if (lowered.kind !== 'const') {
    error(context, expr.loc, `${exprText(expr)}: keyset values must be compile-time constants`);
    return undefined;
  }
  return lowered.value;
}
