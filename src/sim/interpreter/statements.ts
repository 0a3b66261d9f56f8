// Compiles IR statements to closures returning a completion status
// (NORMAL, RETURN, EXIT, REJECT) so that `return`/`exit` need no exceptions.

import type { IrStatement, Value } from '../../p4c/ir.js';
import { BREAK, CONTINUE, EXIT, NORMAL, RETURN, type Compiler, type Frame, type Run } from './context.js';
import { compileExpr, compileLvalue, compilePinnedLvalue, isStaticLvalue, mayExit } from './expressions.js';
import { compileLoop } from './loops.js';
import { cloneValue, defaultValue } from './values.js';

/** Statements whose expressions may exit (P4_16 §12.5: exit inside a table applied in a condition). */
function withExitCheck(compiler: Compiler, statement: IrStatement, run: Run): Run {
  const expressions =
    statement.kind === 'assign' ? [statement.target, statement.value]
    : statement.kind === 'declare' ? (statement.init ? [statement.init] : [])
    : statement.kind === 'return' && statement.value ? [statement.value]
    : [];
  if (!expressions.some(mayExit)) return run;
  const state = compiler.state;
  return () => {
    state.exitPending = false;
    const status = run();
    if (state.exitPending) {
      state.exitPending = false;
      return EXIT;
    }
    return status;
  };
}

export function compileStatementList(compiler: Compiler, statements: readonly IrStatement[], frame: Frame): Run {
  const runs = statements.map((s) => withExitCheck(compiler, s, compileStatement(compiler, s, frame)));
  switch (runs.length) {
    case 0:
      return () => NORMAL;
    case 1:
      return runs[0];
    case 2: {
      const [first, second] = runs;
      return () => first() || second();
    }
    default:
      return () => {
        for (let i = 0; i < runs.length; i++) {
          const status = runs[i]();
          if (status !== NORMAL) return status;
        }
        return NORMAL;
      };
  }
}

function compileStatement(compiler: Compiler, statement: IrStatement, frame: Frame): Run {
  switch (statement.kind) {
    case 'assign': {
      const value = compileExpr(compiler, statement.value, frame);
      if (!isStaticLvalue(statement.target) && (mayExit(statement.target) || mayExit(statement.value))) {
        // p4c (and so BMv2) evaluates the left side's indices before the right side:
        // `h.h[f(x)].a = g(x)` writes the element chosen before g runs (gauntlet_index_7).
        const pinned = compilePinnedLvalue(compiler, statement.target, frame);
        const { resolve, set } = pinned;
        return () => {
          resolve();
          set(value());
          return NORMAL;
        };
      }
      const set = compileLvalue(compiler, statement.target, frame).set;
      return () => {
        set(value());
        return NORMAL;
      };
    }
    case 'for':
    case 'forIn':
      return compileLoop(compiler, statement, frame);
    case 'break':
      return () => BREAK;
    case 'continue':
      return () => CONTINUE;
    case 'call':
      return compiler.compileCall(statement.call, frame);
    case 'declare': {
      const slot = statement.slot;
      if (statement.init) {
        const init = compileExpr(compiler, statement.init, frame);
        return () => {
          frame[slot] = cloneValue(init());
          return NORMAL;
        };
      }
      const type = statement.type;
      return () => {
        frame[slot] = defaultValue(type);
        return NORMAL;
      };
    }
    case 'if': {
      const cond = compileExpr(compiler, statement.cond, frame);
      const then = compileStatementList(compiler, statement.then, frame);
      const otherwise = compileStatementList(compiler, statement.else, frame);
      if (mayExit(statement.cond)) {
        // `if (t.apply().hit)` whose action exits: neither branch runs.
        const state = compiler.state;
        return () => {
          state.exitPending = false;
          const taken = cond();
          if (state.exitPending) {
            state.exitPending = false;
            return EXIT;
          }
          return taken ? then() : otherwise();
        };
      }
      return () => (cond() ? then() : otherwise());
    }
    case 'switch': {
      const expr = compileExpr(compiler, statement.expr, frame);
      const bodies = statement.cases.map((c) => compileStatementList(compiler, c.body, frame));
      const byValue = new Map<Value, Run>();
      let fallback: Run | undefined;
      statement.cases.forEach((c, i) => {
        for (const value of c.values) if (!byValue.has(value)) byValue.set(value, bodies[i]);
        if (c.isDefault) fallback = bodies[i];
      });
      const state = compiler.state;
      const exits = mayExit(statement.expr);
      return () => {
        state.exitPending = false;
        const value = expr();
        if (exits && state.exitPending) {
          state.exitPending = false;
          return EXIT;
        }
        const body = byValue.get(value) ?? fallback;
        return body ? body() : NORMAL;
      };
    }
    case 'switchActionRun': {
      const apply = compiler.compileCall({ callee: { kind: 'tableApply', table: statement.table }, args: [], loc: statement.loc }, frame);
      const bodies = statement.cases.map((c) => compileStatementList(compiler, c.body, frame));
      const byAction = new Map<number, Run>();
      let fallback: Run | undefined;
      statement.cases.forEach((c, i) => {
        for (const action of c.actions) if (!byAction.has(action)) byAction.set(action, bodies[i]);
        if (c.isDefault) fallback = bodies[i];
      });
      const state = compiler.state;
      return () => {
        const status = apply();
        if (status !== NORMAL) return status;
        const body = byAction.get(state.actionRun) ?? fallback;
        return body ? body() : NORMAL;
      };
    }
    case 'block':
      return compileStatementList(compiler, statement.body, frame);
    case 'exit':
      return () => EXIT;
    case 'return': {
      if (!statement.value) return () => RETURN;
      const value = compileExpr(compiler, statement.value, frame);
      const state = compiler.state;
      return () => {
        state.returnValue = cloneValue(value());
        return RETURN;
      };
    }
  }
}
