// Generic functions (spec §6.8 / "Function declarations" with type parameters,
// e.g. `T max<T>(in T a, in T b)`): each call infers or takes the type
// arguments, then calls a specialization lowered once per distinct argument
// list, in the scope where the function was declared, with every type
// parameter bound to its argument (monomorphization, as p4c's specializer).

import type { CallExpr, FunctionDecl } from '../ast.js';
import { Diagnostics } from '../diagnostics.js';
import type { IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { lowerFunction } from './actions.js';
import { type BodyContext, type Checker, error, exprText, Scope } from './context.js';
import { containsTypeVar, type Bindings } from './types.js';

/** What a generic function's symbol keeps to specialize it later. */
export interface GenericFunction {
  /** The context of the declaration (scope, frame owner, control-plane prefix). */
  context: BodyContext;
  control?: number;
  /** Type-argument list text → index in IrProgram.functions. */
  specializations: Map<string, number>;
  /** The body failed its generic check: calls are not specialized (the errors are already out). */
  invalid?: boolean;
}

/** Runs `infer` against a scratch sink: inference must not report what the real call reports again. */
export function inferQuietly(context: BodyContext, infer: (quiet: BodyContext) => void): boolean {
  const scratch: Checker = { ...context.checker, diagnostics: new Diagnostics() };
  infer({ ...context, checker: scratch });
  return !scratch.diagnostics.hasErrors();
}

/**
 * The index of `decl` specialized for `bindings`, lowering it on first use;
 * undefined (after an error) when a type argument is unknown or not a data type.
 */
export function specialize(context: BodyContext, expr: CallExpr, decl: FunctionDecl, generic: GenericFunction, bindings: Bindings): number | undefined {
  if (generic.invalid) return undefined;
  const typeParams = decl.prototype.typeParams;
  const typeArgs: IrType[] = [];
  for (const name of typeParams) {
    const type = bindings.get(name);
    if (!type || type.kind === 'unknown' || containsTypeVar(type)) {
      error(context, expr.loc, `${exprText(expr.callee)}: cannot infer type argument ${name}; write it explicitly`);
      return undefined;
    }
    if (type.kind === 'int') {
      error(context, expr.loc, `${exprText(expr.callee)}: type argument ${name} cannot be 'int'; give the literal a width or cast it`);
      return undefined;
    }
    typeArgs.push(type);
  }
  const key = typeArgs.map(typeToString).join(', ');
  const known = generic.specializations.get(key);
  if (known !== undefined) return known;
  const scope = new Scope(generic.context.scope);
  typeParams.forEach((name, index) => scope.set(name, { kind: 'type', type: typeArgs[index] }));
  const concrete: FunctionDecl = { ...decl, prototype: { ...decl.prototype, typeParams: [] } };
  const index = lowerFunction({ ...generic.context, scope }, concrete, generic.control, false);
  generic.specializations.set(key, index);
  return index;
}
