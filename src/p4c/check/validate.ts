// Structural invariants of an accepted IR program, for tests and for targets
// that want to refuse a corrupted program early: every slot inside its frame,
// every index inside its table, no checker-internal or compile-time-only type
// left in run-time code. Returns messages; an empty list means valid.

import type { IrCall, IrExpr, IrFrame, IrProgram, IrStatement, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { sameType } from './types.js';

export function validateProgram(program: IrProgram): string[] {
  const problems: string[] = [];
  const report = (where: string, message: string): void => {
    problems.push(`${where}: ${message}`);
  };

  const checkType = (where: string, type: IrType): void => {
    if (type.kind === 'unknown' || type.kind === 'typeVar') report(where, `unresolved type ${typeToString(type)}`);
  };

  const checkExpr = (where: string, frame: IrFrame, expr: IrExpr): void => {
    checkType(where, expr.type);
    if (expr.type.kind === 'int' && expr.kind !== 'const') report(where, 'run-time expression of type int');
    switch (expr.kind) {
      case 'var':
        if (expr.slot < 0 || expr.slot >= frame.slots.length) report(where, `slot ${expr.slot} of ${expr.name} outside a frame of ${frame.slots.length}`);
        break;
      case 'field': {
        const base = expr.base.type;
        const count = base.kind === 'tuple' ? base.elements.length : 'fields' in base ? base.fields.length : -1;
        if (expr.index < 0 || expr.index >= count) report(where, `field index ${expr.index} (${expr.name}) outside '${typeToString(base)}'`);
        checkExpr(where, frame, expr.base);
        break;
      }
      case 'stackElement':
        checkExpr(where, frame, expr.base);
        checkExpr(where, frame, expr.index);
        break;
      case 'stackNext':
      case 'stackLast':
      case 'stackLastIndex':
      case 'slice':
      case 'isValid':
        checkExpr(where, frame, expr.base);
        break;
      case 'unary':
      case 'cast':
        checkExpr(where, frame, expr.operand);
        break;
      case 'binary':
        checkExpr(where, frame, expr.left);
        checkExpr(where, frame, expr.right);
        // Implicit casts are explicit: both operands agree except for shifts and ++.
        if (expr.op !== 'shl' && expr.op !== 'shr' && expr.op !== 'concat' && !sameType(expr.left.type, expr.right.type)) {
          report(where, `${expr.op} on '${typeToString(expr.left.type)}' and '${typeToString(expr.right.type)}'`);
        }
        break;
      case 'mux':
        if (!sameType(expr.then.type, expr.else.type)) report(where, 'mux branches of different types');
        checkExpr(where, frame, expr.cond);
        checkExpr(where, frame, expr.then);
        checkExpr(where, frame, expr.else);
        break;
      case 'list':
        expr.elements.forEach((element) => checkExpr(where, frame, element));
        break;
      case 'structInit':
        expr.fields.forEach((field) => checkExpr(where, frame, field));
        break;
      case 'tableHit':
        if (!program.tables[expr.table]) report(where, `table ${expr.table} does not exist`);
        break;
      case 'call':
        checkCall(where, frame, expr.call);
        break;
      default:
        break;
    }
  };

  const checkCall = (where: string, frame: IrFrame, call: IrCall): void => {
    const callee = call.callee;
    const exists: Record<string, boolean> = {
      action: callee.kind === 'action' && !!program.actions[callee.action],
      function: callee.kind === 'function' && !!program.functions[callee.function],
      tableApply: callee.kind === 'tableApply' && !!program.tables[callee.table],
      parserApply: callee.kind === 'parserApply' && !!program.parsers[callee.parser],
      controlApply: callee.kind === 'controlApply' && !!program.controls[callee.control],
    };
    if (callee.kind in exists && !exists[callee.kind]) report(where, `${callee.kind} target does not exist`);
    if (callee.kind === 'externMethod') {
      if (callee.target.kind === 'instance' && !program.instances[callee.target.instance]) report(where, 'extern instance does not exist');
      callee.typeArgs.forEach((type) => checkType(where, type));
    }
    if (callee.kind === 'externFunction') callee.typeArgs.forEach((type) => checkType(where, type));
    if (callee.kind === 'setValid' || callee.kind === 'setInvalid' || callee.kind === 'pushFront' || callee.kind === 'popFront') {
      checkExpr(where, frame, callee.base);
    }
    for (const arg of call.args) if (arg.value) checkExpr(where, frame, arg.value);
  };

  const checkStatements = (where: string, frame: IrFrame, statements: IrStatement[]): void => {
    for (const statement of statements) {
      switch (statement.kind) {
        case 'assign':
          checkExpr(where, frame, statement.target);
          checkExpr(where, frame, statement.value);
          if (!sameType(statement.target.type, statement.value.type)) {
            report(where, `assignment of '${typeToString(statement.value.type)}' to '${typeToString(statement.target.type)}'`);
          }
          break;
        case 'call':
          checkCall(where, frame, statement.call);
          break;
        case 'declare':
          if (statement.slot >= frame.slots.length) report(where, `declared slot ${statement.slot} outside the frame`);
          checkType(where, statement.type);
          if (statement.init) checkExpr(where, frame, statement.init);
          break;
        case 'if':
          checkExpr(where, frame, statement.cond);
          checkStatements(where, frame, statement.then);
          checkStatements(where, frame, statement.else);
          break;
        case 'switch':
          checkExpr(where, frame, statement.expr);
          for (const c of statement.cases) checkStatements(where, frame, c.body);
          break;
        case 'switchActionRun':
          if (!program.tables[statement.table]) report(where, `table ${statement.table} does not exist`);
          for (const c of statement.cases) checkStatements(where, frame, c.body);
          break;
        case 'block':
          checkStatements(where, frame, statement.body);
          break;
        case 'return':
          if (statement.value) checkExpr(where, frame, statement.value);
          break;
        case 'for':
          checkStatements(where, frame, statement.init);
          checkExpr(where, frame, statement.cond);
          checkStatements(where, frame, statement.body);
          checkStatements(where, frame, statement.update);
          break;
        case 'forIn':
          if (statement.slot >= frame.slots.length) report(where, `loop variable slot ${statement.slot} outside the frame`);
          if (statement.range) {
            checkExpr(where, frame, statement.range.low);
            checkExpr(where, frame, statement.range.high);
          }
          for (const element of statement.elements ?? []) checkExpr(where, frame, element);
          checkStatements(where, frame, statement.body);
          break;
        default:
          break;
      }
    }
  };

  for (const parser of program.parsers) {
    const where = `parser ${parser.controlPlaneName}`;
    checkStatements(where, parser.frame, parser.localInits);
    for (const state of parser.states) {
      checkStatements(`${where} state ${state.name}`, parser.frame, state.statements);
      const transition = state.transition;
      const targets = transition.kind === 'direct' ? [transition.next] : transition.cases.map((selectCase) => selectCase.next);
      for (const next of targets) if (next !== -1 && next !== -2 && !parser.states[next]) report(where, `state ${next} does not exist`);
      if (transition.kind === 'select') transition.exprs.forEach((expr) => checkExpr(where, parser.frame, expr));
    }
  }
  for (const control of program.controls) {
    checkStatements(`control ${control.controlPlaneName}`, control.frame, [...control.localInits, ...control.body]);
  }
  const frameOf = (owner: { frame?: IrFrame; control?: number }): IrFrame | undefined =>
    owner.frame ?? (owner.control !== undefined ? program.controls[owner.control]?.frame : undefined);
  for (const action of program.actions) {
    const frame = frameOf(action);
    if (!frame) report(`action ${action.controlPlaneName}`, 'has no frame');
    else checkStatements(`action ${action.controlPlaneName}`, frame, action.body);
  }
  for (const fn of program.functions) {
    const frame = frameOf(fn);
    if (!frame) report(`function ${fn.name}`, 'has no frame');
    else checkStatements(`function ${fn.name}`, frame, fn.body);
  }
  for (const table of program.tables) {
    const where = `table ${table.controlPlaneName}`;
    const frame = program.controls[table.control]?.frame;
    if (!frame) report(where, 'has no control');
    else table.keys.forEach((key) => checkExpr(where, frame, key.expr));
    if (!program.actions[table.defaultAction.action]) report(where, 'default action does not exist');
    for (const ref of table.actions) if (!program.actions[ref.action]) report(where, `action ${ref.action} does not exist`);
  }
  for (const instance of program.instances) instance.typeArgs.forEach((type) => checkType(`instance ${instance.controlPlaneName}`, type));
  return problems;
}
