// The `#if` nesting of one file (C11 §6.10.1). Each entry records whether its
// current group is being kept and whether an earlier group of the same
// `#if ... #endif` already was, so `#elif`/`#else` know what to do.

import type { Loc } from '../ast.js';

export interface Conditional {
  /** `#if`, `#ifdef` or `#ifndef`: named in the "unterminated" diagnostic. */
  directive: string;
  loc: Loc;
  /** The enclosing code is kept; when false no group of this conditional is. */
  parentActive: boolean;
  /** The current group is kept. */
  active: boolean;
  /** Some group of this conditional was already chosen (or none may be). */
  taken: boolean;
  sawElse: boolean;
}

export function isActive(stack: readonly Conditional[]): boolean {
  return stack.length === 0 || stack[stack.length - 1].active;
}

/** Opens a conditional; `condition` is only asked for when the enclosing code is kept,
 *  so skipped groups never report expression errors. */
export function openConditional(stack: Conditional[], directive: string, loc: Loc, condition: () => boolean): void {
  const parentActive = isActive(stack);
  const value = parentActive && condition();
  stack.push({ directive, loc, parentActive, active: value, taken: value || !parentActive, sawElse: false });
}

/** `#elif`: returns an error message for a misplaced one. */
export function elifConditional(stack: Conditional[], condition: () => boolean): string | undefined {
  const top = stack[stack.length - 1];
  if (top === undefined) return '#elif without #if';
  if (top.sawElse) return '#elif after #else';
  // C23 §6.10.1p14 (and gcc): once a group was taken, later #elif expressions are not evaluated.
  if (top.taken) {
    top.active = false;
    return undefined;
  }
  const value = condition();
  top.active = value;
  top.taken = value;
  return undefined;
}

export function elseConditional(stack: Conditional[]): string | undefined {
  const top = stack[stack.length - 1];
  if (top === undefined) return '#else without #if';
  if (top.sawElse) return '#else after #else';
  top.sawElse = true;
  top.active = !top.taken;
  top.taken = true;
  return undefined;
}

export function endConditional(stack: Conditional[]): string | undefined {
  if (stack.length === 0) return '#endif without #if';
  stack.pop();
  return undefined;
}
