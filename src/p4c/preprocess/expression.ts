// `#if` / `#elif` controlling expressions (C11 §6.10.1): integer constant
// expressions evaluated in intmax_t / uintmax_t (64 bits here, as gcc does), after
// macro expansion, with `defined` already replaced and remaining identifiers as 0.
// Errors come back as values; an operand that is not evaluated (the skipped side
// of `&&`, `||`, `?:`) cannot divide by zero (C11 §6.6p3, gcc behaviour).

import type { PpToken } from './tokens.js';

interface Value {
  value: bigint;
  unsigned: boolean;
}

export type EvaluationResult =
  | { ok: true; value: bigint }
  | { ok: false; message: string; token?: PpToken };

class EvaluationError {
  constructor(readonly message: string, readonly token?: PpToken) {}
}

/** Nesting beyond this is hostile input, not a program: stop before the JS stack does. */
const MAX_DEPTH = 256;

// Binary operators by precedence level, lowest first (C11 §6.5.5–§6.5.14).
const LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

function wrap(value: bigint, unsigned: boolean): Value {
  return { value: unsigned ? BigInt.asUintN(64, value) : BigInt.asIntN(64, value), unsigned };
}

function truth(value: bigint): Value {
  return { value: value === 0n ? 0n : 1n, unsigned: false };
}

/** Evaluates the expression; `isDefined` answers a `defined` that macro expansion produced. */
export function evaluate(tokens: readonly PpToken[], isDefined: (name: string) => boolean): EvaluationResult {
  let position = 0;
  let depth = 0;
  const peek = (): PpToken | undefined => tokens[position];
  const fail = (message: string, token: PpToken | undefined = peek()): never => {
    throw new EvaluationError(message, token);
  };

  const conditional = (evaluated: boolean): Value => {
    if (++depth > MAX_DEPTH) fail('#if expression nested too deeply');
    const condition = binary(0, evaluated);
    let result = condition;
    if (peek()?.text === '?') {
      position++;
      const whenTrue = comma(evaluated && condition.value !== 0n);
      if (peek()?.text !== ':') fail("expected ':' in #if expression");
      position++;
      const whenFalse = conditional(evaluated && condition.value === 0n);
      const unsigned = whenTrue.unsigned || whenFalse.unsigned;
      result = wrap(condition.value !== 0n ? whenTrue.value : whenFalse.value, unsigned);
    }
    depth--;
    return result;
  };

  // gcc accepts the comma operator in #if (pedantically a constraint violation).
  const comma = (evaluated: boolean): Value => {
    let value = conditional(evaluated);
    while (peek()?.text === ',') {
      position++;
      value = conditional(evaluated);
    }
    return value;
  };

  const binary = (level: number, evaluated: boolean): Value => {
    if (level === LEVELS.length) return unary(evaluated);
    let left = binary(level + 1, evaluated);
    for (;;) {
      const operator = peek();
      if (operator === undefined || operator.kind !== 'punctuator' || !LEVELS[level].includes(operator.text)) return left;
      position++;
      // Short circuit: the right side of `0 && x` / `1 || x` is parsed but not evaluated.
      const rightEvaluated =
        evaluated &&
        !(operator.text === '&&' && left.value === 0n) &&
        !(operator.text === '||' && left.value !== 0n);
      const right = binary(level + 1, rightEvaluated);
      left = apply(operator, left, right, rightEvaluated);
    }
  };

  const apply = (operator: PpToken, left: Value, right: Value, evaluated: boolean): Value => {
    // C11 §6.3.1.8 usual arithmetic conversions: one unsigned operand makes both unsigned.
    const unsigned = left.unsigned || right.unsigned;
    const leftOperand = unsigned ? BigInt.asUintN(64, left.value) : left.value;
    const rightOperand = unsigned ? BigInt.asUintN(64, right.value) : right.value;
    switch (operator.text) {
      case '||':
        return truth(left.value !== 0n || right.value !== 0n ? 1n : 0n);
      case '&&':
        return truth(left.value !== 0n && right.value !== 0n ? 1n : 0n);
      case '|':
        return wrap(leftOperand | rightOperand, unsigned);
      case '^':
        return wrap(leftOperand ^ rightOperand, unsigned);
      case '&':
        return wrap(leftOperand & rightOperand, unsigned);
      case '==':
        return truth(leftOperand === rightOperand ? 1n : 0n);
      case '!=':
        return truth(leftOperand !== rightOperand ? 1n : 0n);
      case '<':
        return truth(leftOperand < rightOperand ? 1n : 0n);
      case '<=':
        return truth(leftOperand <= rightOperand ? 1n : 0n);
      case '>':
        return truth(leftOperand > rightOperand ? 1n : 0n);
      case '>=':
        return truth(leftOperand >= rightOperand ? 1n : 0n);
      case '<<':
      case '>>':
        return shift(left, right.value, operator.text === '<<');
      case '+':
        return wrap(leftOperand + rightOperand, unsigned);
      case '-':
        return wrap(leftOperand - rightOperand, unsigned);
      case '*':
        return wrap(leftOperand * rightOperand, unsigned);
      case '/':
      case '%':
        if (rightOperand === 0n) {
          if (evaluated) fail('division by zero in #if', operator);
          return { value: 0n, unsigned };
        }
        // BigInt division truncates toward zero, as C11 §6.5.5p6 requires.
        return wrap(operator.text === '/' ? leftOperand / rightOperand : leftOperand % rightOperand, unsigned);
      default:
        throw new Error(`preprocessor: no rule for operator ${operator.text}`);
    }
  };

  const unary = (evaluated: boolean): Value => {
    const token = peek();
    if (token === undefined) return fail('#if with no expression or missing operand');
    if (token.kind === 'punctuator' && ['!', '~', '-', '+'].includes(token.text)) {
      position++;
      if (++depth > MAX_DEPTH) fail('#if expression nested too deeply');
      const operand = unary(evaluated);
      depth--;
      if (token.text === '!') return truth(operand.value === 0n ? 1n : 0n);
      if (token.text === '~') return wrap(~operand.value, operand.unsigned);
      if (token.text === '-') return wrap(-operand.value, operand.unsigned);
      return operand;
    }
    if (token.text === '(') {
      position++;
      const value = comma(evaluated);
      if (peek()?.text !== ')') fail("missing ')' in #if expression");
      position++;
      return value;
    }
    if (token.kind === 'number') {
      position++;
      const literal = parseInteger(token.text);
      if (typeof literal === 'string') fail(literal, token);
      return literal as Value;
    }
    if (token.kind === 'identifier') {
      position++;
      if (token.text === 'defined') return definedOperator();
      // C11 §6.10.1p4: identifiers left after macro expansion are replaced by 0.
      return { value: 0n, unsigned: false };
    }
    return fail(`token "${token.text}" is not valid in preprocessor expressions`, token);
  };

  const definedOperator = (): Value => {
    const parenthesized = peek()?.text === '(';
    if (parenthesized) position++;
    const name = peek();
    if (name === undefined || name.kind !== 'identifier') fail('operator "defined" requires an identifier');
    position++;
    if (parenthesized) {
      if (peek()?.text !== ')') fail('missing \')\' after "defined"');
      position++;
    }
    return truth(isDefined((name as PpToken).text) ? 1n : 0n);
  };

  try {
    if (tokens.length === 0) return { ok: false, message: '#if with no expression' };
    const value = comma(true);
    const extra = peek();
    if (extra !== undefined) return { ok: false, message: `missing binary operator before token "${extra.text}"`, token: extra };
    return { ok: true, value: value.value };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, message: error.message, token: error.token };
    throw error;
  }
}

/** C `>>` of a negative value is arithmetic in gcc; counts past the width saturate, and a
 *  negative count shifts the other way (gcc's cpp does the same). */
function shift(left: Value, count: bigint, leftShift: boolean): Value {
  let toLeft = leftShift;
  let amount = count;
  if (amount < 0n) {
    toLeft = !toLeft;
    amount = -amount;
  }
  if (amount > 64n) amount = 64n;
  const base = left.unsigned ? BigInt.asUintN(64, left.value) : left.value;
  return wrap(toLeft ? base << amount : base >> amount, left.unsigned);
}

/** C11 §6.4.4.1 integer constants (plus gcc's 0b prefix). A string is an error message. */
export function parseInteger(text: string): Value | string {
  const match = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uU](?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU]?)?$/.exec(text);
  if (match === null) {
    if (/^[0-9]*\.|^[0-9]+[eE]/.test(text) && !/^0[xX]/.test(text)) return 'floating constant in preprocessor expression';
    return `invalid integer constant "${text}" in #if`;
  }
  const digits = match[1];
  const suffix = match[2] ?? '';
  let value: bigint;
  if (/^0[bB]/.test(digits)) value = BigInt(digits);
  else if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) {
    if (/[89]/.test(digits)) return `invalid digit in octal constant "${text}"`;
    value = BigInt('0o' + digits.slice(1));
  } else value = BigInt(digits);
  if (value > 0xffff_ffff_ffff_ffffn) return `integer constant "${text}" is too large for its type`;
  // A constant that does not fit intmax_t is unsigned (gcc warns for decimal ones).
  const unsigned = /[uU]/.test(suffix) || value > 0x7fff_ffff_ffff_ffffn;
  return { value, unsigned };
}
