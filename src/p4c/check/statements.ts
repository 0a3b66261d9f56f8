// Statements (spec §12): assignments to left-values, method calls, blocks with
// their own scope, if on bool, switch on values or on a table's action_run,
// exit/return where legal, local constants and variables (frame slots).

import type { Expr, Statement, SwitchStatement } from '../ast.js';
import type { IrStatement, IrSwitchActionCase, IrSwitchCase, Value } from '../ir.js';
import { typeToString } from '../ir.js';
import { lowerCall, tableOfApplyCall } from './calls.js';
import { type BodyContext, childContext, error, exprText } from './context.js';
import { coerce, lowerExpr, lvalueProblem } from './expressions.js';
import { allowingDefaults } from './defaults.js';
import { lowerFor, lowerForIn, lowerLoopJump } from './loops.js';
import { coerceBool } from './operators.js';
import { evalConstant, resolveType } from './resolve.js';
import { UNKNOWN } from './types.js';
import { valuesEqual } from './values.js';

export function lowerStatements(context: BodyContext, statements: Statement[]): IrStatement[] {
  const result: IrStatement[] = [];
  for (const statement of statements) {
    if (context.checker.diagnostics.saturated()) break;
    result.push(...lowerStatement(context, statement));
  }
  return result;
}

export function lowerStatement(context: BodyContext, statement: Statement): IrStatement[] {
  const loc = statement.loc;
  switch (statement.kind) {
    case 'Empty':
      return [];
    case 'Block':
      return [{ kind: 'block', body: lowerStatements(childContext(context), statement.statements), loc }];
    case 'Assignment': {
      const target = lowerExpr(context, statement.left);
      const problem = lvalueProblem(context, target);
      if (problem) error(context, statement.left.loc, `${exprText(statement.left)}: cannot be assigned: ${problem}`);
      // A compound assignment `l op= r` is `l = l op r` (l's index expressions are evaluated twice).
      const right: Expr = statement.op
        ? { kind: 'Binary', op: statement.op, left: statement.left, right: statement.right, loc: statement.right.loc }
        : statement.right;
      const value = coerce(context, lowerExpr(allowingDefaults(context, right), right, target.type), target.type, exprText(right));
      return [{ kind: 'assign', target, value, loc }];
    }
    case 'MethodCallStatement': {
      const lowered = lowerCall(context, statement.call);
      if ('kind' in lowered) return []; // folded (static_assert) or already reported
      return [{ kind: 'call', call: lowered.call, loc }];
    }
    case 'If': {
      const cond = coerceBool(context, lowerExpr(context, statement.cond), exprText(statement.cond));
      const then = lowerStatements(childContext(context), [statement.then]);
      const otherwise = statement.else ? lowerStatements(childContext(context), [statement.else]) : [];
      if (cond.kind === 'const' && typeof cond.value === 'boolean') return [{ kind: 'block', body: cond.value ? then : otherwise, loc }];
      return [{ kind: 'if', cond, then, else: otherwise, loc }];
    }
    case 'Switch':
      if (context.kind === 'parser') {
        error(context, loc, 'switch statements are not allowed in parsers');
        return [];
      }
      return lowerSwitch(context, statement);
    case 'Exit':
      // Spec §12.5: exit is allowed in controls and actions, not parsers or functions.
      if (context.kind !== 'control' && context.kind !== 'action') {
        error(context, loc, `exit is not allowed in a ${context.kind}`);
        return [];
      }
      return [{ kind: 'exit', loc }];
    case 'Return': {
      if (context.kind === 'parser') {
        error(context, loc, 'return is not allowed in a parser');
        return [];
      }
      if (context.kind === 'function') {
        const returnType = context.returnType ?? UNKNOWN;
        if (!statement.value) {
          if (returnType.kind !== 'void') error(context, loc, `return needs a value of type '${typeToString(returnType)}'`);
          return [{ kind: 'return', loc }];
        }
        if (returnType.kind === 'void') {
          error(context, loc, 'a void function cannot return a value');
          return [{ kind: 'return', loc }];
        }
        const value = coerce(context, lowerExpr(context, statement.value, returnType), returnType, exprText(statement.value));
        return [{ kind: 'return', value, loc }];
      }
      if (statement.value) error(context, loc, `return with a value is only allowed in functions`);
      return [{ kind: 'return', loc }];
    }
    case 'ConstantDeclaration':
      declareConstant(context, statement);
      return [];
    case 'VariableDeclaration':
      return declareVariable(context, statement);
    case 'For':
      return lowerFor(context, statement);
    case 'ForIn':
      return lowerForIn(context, statement);
    case 'Break':
    case 'Continue':
      return lowerLoopJump(context, statement);
    case 'Instantiation':
      // The grammar admits instantiations among statements, but p4c rejects them in
      // apply blocks, parser states and actions (ValidateParsedProgram; testdata
      // p4_16_errors/control-inline.p4); instances belong among the block's locals.
      // (p4c lets a top-level function hold one; this front-end does not.)
      error(context, loc, `${statement.name}: instances cannot be in ${blockWords(context)}; declare them among the ${context.kind === 'parser' ? 'parser' : 'control'} locals`);
      return [];
  }
}

function hasDontCare(type: import('../ast.js').TypeRef): boolean {
  switch (type.kind) {
    case 'DontCareType':
      return true;
    case 'SpecializedType':
      return type.args.some(hasDontCare);
    case 'TupleType':
      return type.elements.some(hasDontCare);
    case 'ListType':
      return hasDontCare(type.element);
    case 'HeaderStackType':
      return hasDontCare(type.element);
    default:
      return false;
  }
}

function blockWords(context: BodyContext): string {
  switch (context.kind) {
    case 'control':
      return "a control 'apply' block";
    case 'parser':
      return 'a parser state';
    case 'action':
      return 'an action';
    default:
      return `a ${context.kind}`;
  }
}

export function declareConstant(context: BodyContext, decl: Extract<Statement, { kind: 'ConstantDeclaration' }>): void {
  // p4c (testdata decl-constant-type-has-dont-care): a constant's type is written in full.
  if (hasDontCare(decl.type)) error(context, decl.type.loc, `${decl.name}: the type of a constant cannot contain '_'`);
  const type = resolveType(context, decl.type);
  if (context.scope.lookupLocal(decl.name)) error(context, decl.loc, `${decl.name}: duplicate declaration`);
  const lowered = coerce(context, lowerExpr(allowingDefaults(context, decl.value), decl.value, type), type, decl.name);
  if (lowered.kind !== 'const' && lowered.type.kind !== 'unknown') {
    error(context, decl.value.loc, `initializer of constant ${decl.name} must be a compile-time constant`);
  }
  context.scope.set(decl.name, {
    kind: 'constant',
    value: lowered.kind === 'const' ? lowered : { kind: 'const', type: UNKNOWN, value: 0, loc: decl.loc },
  });
}

export function declareVariable(context: BodyContext, decl: Extract<Statement, { kind: 'VariableDeclaration' }>): IrStatement[] {
  const type = resolveType(context, decl.type);
  if (context.scope.lookupLocal(decl.name)) error(context, decl.loc, `${decl.name}: duplicate declaration`);
  if (type.kind === 'int' || type.kind === 'void' || type.kind === 'string' || type.kind === 'extern') {
    error(context, decl.loc, `${decl.name}: a variable cannot have type '${typeToString(type)}'`);
  }
  const init = decl.init ? coerce(context, lowerExpr(allowingDefaults(context, decl.init), decl.init, type), type, decl.name) : undefined;
  const slot = context.frame.add(decl.name, type);
  context.scope.set(decl.name, { kind: 'variable', slot, type, direction: 'local', readonly: false, frame: context.frame });
  return [{ kind: 'declare', slot, name: decl.name, type, init, loc: decl.loc }];
}

function lowerSwitch(context: BodyContext, statement: SwitchStatement): IrStatement[] {
  const selector = statement.expr;
  if (selector.kind === 'Member' && selector.member === 'action_run' && selector.expr.kind === 'Call') {
    const table = tableOfApplyCall(context, selector.expr);
    if (table !== undefined) return lowerActionRunSwitch(context, statement, table);
  }
  const expr = lowerExpr(context, selector);
  const type = expr.type;
  if (type.kind !== 'bit' && type.kind !== 'enum' && type.kind !== 'error' && type.kind !== 'unknown') {
    error(context, selector.loc, `${exprText(selector)}: switch requires bit<W>, int<W>, enum or error, or t.apply().action_run; got '${typeToString(type)}'`);
  }
  const cases: IrSwitchCase[] = [];
  const seen: Value[] = [];
  let pending: IrSwitchCase = { values: [], isDefault: false, body: [] };
  statement.cases.forEach((switchCase, index) => {
    if (switchCase.label.kind === 'Default') {
      if (index !== statement.cases.length - 1) error(context, switchCase.loc, 'default must be the last switch label');
      pending.isDefault = true;
    } else {
      const label = evalLabel(context, switchCase.label, type);
      if (label !== undefined) {
        if (seen.some((value) => valuesEqual(value, label))) error(context, switchCase.loc, `${exprText(switchCase.label)}: duplicate switch label`);
        seen.push(label);
        pending.values.push(label);
      }
    }
    if (switchCase.body) {
      pending.body = lowerStatements(childContext(context), switchCase.body.statements);
      cases.push(pending);
      pending = { values: [], isDefault: false, body: [] };
    }
  });
  if (pending.values.length || pending.isDefault) cases.push(pending);
  return [{ kind: 'switch', expr, cases, loc: statement.loc }];
}

function evalLabel(context: BodyContext, label: Expr, type: import('../ir.js').IrType): Value | undefined {
  const value = evalConstant(context, label, 'switch label');
  if (!value) return undefined;
  const converted = coerce(context, value, type, exprText(label));
  return converted.kind === 'const' && converted.type.kind !== 'unknown' ? converted.value : undefined;
}

function lowerActionRunSwitch(context: BodyContext, statement: SwitchStatement, table: number): IrStatement[] {
  const tableIr = context.checker.program.tables[table];
  const allowed = new Set(tableIr?.actions.map((ref) => ref.action) ?? []);
  const cases: IrSwitchActionCase[] = [];
  const seen = new Set<number>();
  let pending: IrSwitchActionCase = { actions: [], isDefault: false, body: [] };
  statement.cases.forEach((switchCase, index) => {
    const label = switchCase.label;
    if (label.kind === 'Default') {
      if (index !== statement.cases.length - 1) error(context, switchCase.loc, 'default must be the last switch label');
      pending.isDefault = true;
    } else {
      const symbol = label.kind === 'Path' ? context.scope.lookup(label.name) : undefined;
      // Spec §12.7: labels of an action_run switch are names of the table's actions.
      if (symbol?.kind !== 'action' || !allowed.has(symbol.index)) {
        error(context, label.loc, `${exprText(label)}: not an action of table ${tableIr?.name ?? '?'}`);
      } else if (seen.has(symbol.index)) {
        error(context, label.loc, `${exprText(label)}: duplicate switch label`);
      } else {
        seen.add(symbol.index);
        pending.actions.push(symbol.index);
      }
    }
    if (switchCase.body) {
      pending.body = lowerStatements(childContext(context), switchCase.body.statements);
      cases.push(pending);
      pending = { actions: [], isDefault: false, body: [] };
    }
  });
  if (pending.actions.length || pending.isDefault) cases.push(pending);
  return [{ kind: 'switchActionRun', table, cases, loc: statement.loc }];
}
