// STF literals (p4c tools/stf/stf_lexer.py): decimal, 0x hex and 0b binary,
// where hex and binary digits may be `*` (don't care); BMv2 CLI style masks
// `value&&&mask`, prefixes `value/length` and ranges `low->high`.

import { fail, ok, type Result } from '../../packet/bytes.js';
import type { StfExpectPattern, StfMatchValue, StfNumber } from './ast.js';

/** Bound on literal length: a 4096-bit key is far beyond any P4 program. */
const maximumDigits = 1024;

export function parseStfNumber(text: string): Result<StfNumber> {
  let digits: string;
  let bitsPerDigit: number;
  let radix: number;
  if (/^0[xX]/.test(text)) {
    [digits, bitsPerDigit, radix] = [text.slice(2), 4, 16];
    if (!/^[0-9a-fA-F*]+$/.test(digits)) return fail(`invalid hex number "${text}"`);
  } else if (/^0[bB]/.test(text)) {
    [digits, bitsPerDigit, radix] = [text.slice(2), 1, 2];
    if (!/^[01*]+$/.test(digits)) return fail(`invalid binary number "${text}"`);
  } else if (/^0[oO]/.test(text)) {
    // bmv2stf's makeMask also accepts octal.
    [digits, bitsPerDigit, radix] = [text.slice(2), 3, 8];
    if (!/^[0-7*]+$/.test(digits)) return fail(`invalid octal number "${text}"`);
  } else if (/^[0-9]+$/.test(text)) {
    if (text.length > maximumDigits) return fail(`number too long "${text.slice(0, 20)}..."`);
    return ok({ text, value: BigInt(text), writtenBits: 0 });
  } else {
    return fail(`invalid number "${text}"`);
  }
  if (digits.length > maximumDigits) return fail(`number too long "${text.slice(0, 20)}..."`);
  const digitMask = BigInt(radix - 1);
  let value = 0n;
  let mask = 0n;
  for (const digit of digits) {
    value <<= BigInt(bitsPerDigit);
    mask <<= BigInt(bitsPerDigit);
    if (digit !== '*') {
      value |= BigInt(parseInt(digit, radix));
      mask |= digitMask;
    }
  }
  const number: StfNumber = { text, value, writtenBits: digits.length * bitsPerDigit };
  if (digits.includes('*')) number.mask = mask;
  return ok(number);
}

/** A key value: `N`, `N/len`, `N&&&M`, `L->H`. */
export function parseStfMatchValue(text: string): Result<StfMatchValue> {
  const maskAt = text.indexOf('&&&');
  if (maskAt >= 0) {
    const number = parseStfNumber(text.slice(0, maskAt));
    const mask = parseStfNumber(text.slice(maskAt + 3));
    if (!number.ok) return number;
    if (!mask.ok) return mask;
    return ok({ kind: 'mask', number: number.value, mask: mask.value });
  }
  const rangeAt = text.indexOf('->');
  if (rangeAt >= 0) {
    const low = parseStfNumber(text.slice(0, rangeAt));
    const high = parseStfNumber(text.slice(rangeAt + 2));
    if (!low.ok) return low;
    if (!high.ok) return high;
    if (low.value.value > high.value.value) return fail(`empty range "${text}"`);
    return ok({ kind: 'range', low: low.value, high: high.value });
  }
  const slashAt = text.indexOf('/');
  if (slashAt >= 0) {
    const number = parseStfNumber(text.slice(0, slashAt));
    if (!number.ok) return number;
    const lengthText = text.slice(slashAt + 1);
    if (!/^\d{1,4}$/.test(lengthText)) return fail(`invalid prefix length in "${text}"`);
    return ok({ kind: 'prefix', number: number.value, prefixLength: Number(lengthText) });
  }
  const number = parseStfNumber(text);
  return number.ok ? ok({ kind: 'number', number: number.value }) : number;
}

/**
 * Expected packet text: hex digits and `*`, spaces anywhere, an optional final
 * `$` meaning the packet must not be longer (p4c STF DATA_EXACT).
 */
export function parseExpectPattern(text: string): Result<StfExpectPattern> {
  let compact = text.replace(/\s+/g, '');
  let exact = false;
  if (compact.endsWith('$')) {
    exact = true;
    compact = compact.slice(0, -1);
  }
  if (!/^[0-9a-fA-F*]*$/.test(compact)) return fail(`invalid expected packet data "${text.trim()}"`);
  return ok({ nibbles: compact.toUpperCase(), exact });
}
