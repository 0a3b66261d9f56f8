// Loops (spec v1.2.5 §12.15 "For statement"): `for (init; cond; update) body`,
// `for (T x in lo .. hi) body`, `for (T x in stackOrList) body`, with `break`
// and `continue` only inside a loop body. The loop's own variables live in a
// child scope and in fresh frame slots of the enclosing frame.

import type { ForInStatement, ForStatement, Statement } from '../ast.js';
import type { IrExpr, IrStatement, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, childContext, error, exprText } from './context.js';
import { coerce, integerConst, lowerExpr, makeConst } from './expressions.js';
import { coerceBool } from './operators.js';
import { resolveType } from './resolve.js';
import { lowerStatement, lowerStatements } from './statements.js';
import { bitType, isBit } from './types.js';

/** Loops are statements of control blocks, actions and functions; parser states have no loop in the grammar. */
function loopAllowed(context: BodyContext, statement: Statement): boolean {
  if (context.kind !== 'parser') return true;
  error(context, statement.loc, 'for statements are not allowed in parsers');
  return false;
}

export function lowerFor(context: BodyContext, statement: ForStatement): IrStatement[] {
  if (!loopAllowed(context, statement)) return [];
  const loopContext = childContext(context);
  const init = statement.init.flatMap((item) => lowerStatement(loopContext, item));
  const cond = coerceBool(loopContext, lowerExpr(loopContext, statement.cond), exprText(statement.cond));
  const body = lowerStatements(childContext(loopContext, { inLoop: true }), [statement.body]);
  const update = statement.update.flatMap((item) => lowerStatement(loopContext, item));
  return [{ kind: 'for', init, cond, update, body, loc: statement.loc }];
}

export function lowerForIn(context: BodyContext, statement: ForInStatement): IrStatement[] {
  if (!loopAllowed(context, statement)) return [];
  const type = resolveType(context, statement.type);
  const loopContext = childContext(context);
  const collection = statement.collection;
  let range: { low: IrExpr; high: IrExpr } | undefined;
  let elements: IrExpr[] | undefined;
  if (collection.kind === 'Range') {
    // Spec v1.2.5 §12.15: a range `lo .. hi` yields lo, lo + 1, ..., hi of the loop variable's type.
    if (!isBit(type) && type.kind !== 'unknown') {
      error(context, statement.loc, `${statement.name}: a range loop variable needs type bit<W> or int<W>, not '${typeToString(type)}'`);
    } else range = {
      low: coerce(context, lowerExpr(context, collection.lo, type), type, exprText(collection.lo)),
      high: coerce(context, lowerExpr(context, collection.hi, type), type, exprText(collection.hi)),
    };
  } else {
    elements = collectionElements(context, collection.expr, type);
  }
  // The variable is visible in the body only, not in the collection expression.
  const slot = loopContext.frame.add(statement.name, type);
  loopContext.scope.set(statement.name, { kind: 'variable', slot, type, direction: 'local', readonly: false, frame: loopContext.frame });
  const body = lowerStatements(childContext(loopContext, { inLoop: true }), [statement.body]);
  return [{ kind: 'forIn', slot, name: statement.name, type, range, elements, body, loc: statement.loc }];
}

/** The values a `for (T x in e)` visits: every element of a header stack, or the items of a list. */
function collectionElements(context: BodyContext, expr: import('../ast.js').Expr, type: IrType): IrExpr[] {
  const lowered = lowerExpr(context, expr);
  const what = exprText(expr);
  if (lowered.type.kind === 'stack') {
    const stack = lowered.type;
    const elements: IrExpr[] = [];
    for (let index = 0; index < stack.size; index++) {
      const element: IrExpr = {
        kind: 'stackElement',
        type: stack.element,
        base: lowered,
        index: integerConst(bitType(32), BigInt(index), expr.loc),
        loc: expr.loc,
      };
      elements.push(coerce(context, element, type, `${what}[${index}]`));
    }
    return elements;
  }
  if (lowered.kind === 'list') return lowered.elements.map((element, index) => coerce(context, element, type, `${what}[${index}]`));
  // A constant `(list<T>){...}` was folded to its values (P4_16 v1.2.4 "List types").
  if (lowered.kind === 'const' && lowered.type.kind === 'list' && Array.isArray(lowered.value)) {
    const element = lowered.type.element;
    return lowered.value.map((value, index) => coerce(context, makeConst(element, value, expr.loc), type, `${what}[${index}]`));
  }
  if (lowered.type.kind === 'tuple') {
    error(context, expr.loc, `${what}: iterating over a tuple value is not supported; write the list expression`);
  } else if (lowered.type.kind !== 'unknown') {
    error(context, expr.loc, `${what}: a for-in loop iterates over a header stack, a list or a range, not '${typeToString(lowered.type)}'`);
  }
  return [];
}

/** `break;` / `continue;`: spec v1.2.5 §12.15 allows them only inside a loop body. */
export function lowerLoopJump(context: BodyContext, statement: Statement & { kind: 'Break' | 'Continue' }): IrStatement[] {
  const kind = statement.kind === 'Break' ? 'break' : 'continue';
  if (!context.inLoop) {
    error(context, statement.loc, `${kind} is only allowed inside a for loop`);
    return [];
  }
  return [{ kind, loc: statement.loc }];
}
