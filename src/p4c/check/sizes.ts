// Compile-time size methods (spec v1.2.x "Operations on header types" and friends): minSizeInBits, minSizeInBytes,
// maxSizeInBits, maxSizeInBytes on header/struct/stack types and expressions.

import type { CallExpr, Expr } from '../ast.js';
import type { IrExpr, IrType } from '../ir.js';
import { typeToString } from '../ir.js';
import { type BodyContext, error, exprText } from './context.js';
import { integerConst, lowerExpr, unknownExpr } from './expressions.js';
import { resolveType } from './resolve.js';
import { INT } from './types.js';

const SIZE_METHODS = new Set(['minSizeInBits', 'minSizeInBytes', 'maxSizeInBits', 'maxSizeInBytes']);

/** Bits of `type` counting varbits as empty (min) or full (max); undefined if not sized. */
export function sizeInBits(type: IrType, maximum: boolean): number | undefined {
  switch (type.kind) {
    case 'bit':
      return type.width;
    case 'bool':
      return 1;
    case 'varbit':
      return maximum ? type.maxWidth : 0;
    case 'enum':
      return type.underlying?.width;
    case 'header':
      return maximum ? type.maxWidthBits : type.fixedWidthBits;
    case 'struct':
    case 'union': {
      let total = 0;
      for (const field of type.fields) {
        const size = sizeInBits(field.type, maximum);
        if (size === undefined) return undefined;
        total = type.kind === 'union' ? (maximum ? Math.max(total, size) : total === 0 ? size : Math.min(total, size)) : total + size;
      }
      return total;
    }
    case 'stack': {
      const element = sizeInBits(type.element, maximum);
      return element === undefined ? undefined : element * type.size;
    }
    case 'tuple': {
      let total = 0;
      for (const element of type.elements) {
        const size = sizeInBits(element, maximum);
        if (size === undefined) return undefined;
        total += size;
      }
      return total;
    }
    default:
      return undefined;
  }
}

function typeOfBase(context: BodyContext, base: Expr): IrType {
  if (base.kind === 'TypeName') return resolveType(context, base.type);
  if (base.kind === 'Path') {
    const symbol = base.global ? context.checker.globals.lookup(base.name) : context.scope.lookup(base.name);
    if (symbol?.kind === 'type') return symbol.type;
  }
  return lowerExpr(context, base).type;
}

export function sizeMethod(context: BodyContext, base: Expr, member: string, call: CallExpr): IrExpr | undefined {
  if (!SIZE_METHODS.has(member)) return undefined;
  const type = typeOfBase(context, base);
  if (type.kind === 'unknown') return unknownExpr(call.loc);
  if (call.args.length) {
    error(context, call.loc, `${exprText(call.callee)}: takes no arguments`);
    return unknownExpr(call.loc);
  }
  const bits = sizeInBits(type, member.startsWith('max'));
  if (bits === undefined) {
    error(context, call.loc, `${exprText(call.callee)}: '${typeToString(type)}' has no size`);
    return unknownExpr(call.loc);
  }
  const value = member.endsWith('Bytes') ? Math.ceil(bits / 8) : bits;
  return integerConst(INT, BigInt(value), call.loc);
}
