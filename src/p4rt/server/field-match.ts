// FieldMatch and Action validation shared by table entries, value sets and
// action profile members (P4Runtime 1.4 §9.1.1 "Match Format", §9.1.2
// "Action Specification", §8.3 "Bytestrings"). Input is the decoded message;
// output is the contract form of src/sim/entries.ts or a status value.

import type { ActionInvocation, FieldMatch } from '../../sim/entries.js';
import { emptyBytestring, maxValue, unsignedOrCode } from '../bytestring.js';
import type { ActionScope, MatchFieldInfo, P4InfoIndex } from '../p4info-index.js';
import { bytesOf, isSet, type ActionMessage, type Bytes, type FieldMatchMessage } from './messages.js';
import { Code, failure, success, type P4Status, type Result } from './status.js';

// The Write hot path returns the value or the rejection itself (a P4Status,
// recognized by its `code`), so no Result object is built per field; the
// exported Result-returning functions wrap these.

function isStatus(value: object): value is P4Status {
  return 'code' in value;
}

/** Code for a bitwidth of 0 (a type translated to an SDN string, §8.4). */
const untranslatedWidth = -3n;

/** The value, or a negative code (`emptyBytestring`, `tooWideBytestring`, `untranslatedWidth`). */
function valueOrCode(bytes: Bytes | undefined, bitwidth: number): bigint {
  return bitwidth <= 0 ? untranslatedWidth : unsignedOrCode(bytesOf(bytes), bitwidth);
}

/** §8.3: an empty or too-wide bytestring is rejected with OUT_OF_RANGE. Built only on failure. */
function valueFailure(code: bigint, bitwidth: number, what: string): P4Status {
  if (code === untranslatedWidth) return failure(Code.UNIMPLEMENTED, `${what}: values translated to SDN strings are not supported`);
  return failure(Code.OUT_OF_RANGE, code === emptyBytestring ? `${what}: empty bytestring` : `${what}: value does not fit in ${bitwidth} bits`);
}

/** §8.3: an empty or too-wide bytestring is rejected with OUT_OF_RANGE. */
export function parseValue(bytes: Bytes | undefined, bitwidth: number, what: string): Result<bigint> {
  const value = valueOrCode(bytes, bitwidth);
  return value >= 0n ? success(value) : { ok: false, status: valueFailure(value, bitwidth, what) };
}

function fieldName(field: MatchFieldInfo): string {
  return `match field ${field.name || field.id}`;
}

function matchKindCount(message: FieldMatchMessage): number {
  return (isSet(message.exact) ? 1 : 0) + (isSet(message.ternary) ? 1 : 0) + (isSet(message.lpm) ? 1 : 0) +
    (isSet(message.range) ? 1 : 0) + (isSet(message.optional) ? 1 : 0) + (isSet(message.other) ? 1 : 0);
}

function givenKind(message: FieldMatchMessage): string {
  for (const kind of ['exact', 'ternary', 'lpm', 'range', 'optional', 'other'] as const) if (isSet(message[kind])) return kind;
  return 'none';
}

function fieldMatchOf(field: MatchFieldInfo, message: FieldMatchMessage): FieldMatch | P4Status {
  if (matchKindCount(message) !== 1) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: exactly one match kind must be set`);
  if (isSet(message.other) || field.kind === 'other') return failure(Code.UNIMPLEMENTED, `${fieldName(field)}: architecture-specific match kinds are not supported`);
  const width = field.bitwidth;
  switch (field.kind) {
    case 'exact':
    case 'optional': {
      const given = message[field.kind];
      if (!isSet(given)) break;
      const value = valueOrCode(given.value, width);
      return value >= 0n ? { kind: field.kind, value } : valueFailure(value, width, fieldName(field));
    }
    case 'lpm': {
      const lpm = message.lpm;
      if (!isSet(lpm)) break;
      const prefixLen = typeof lpm.prefix_len === 'number' ? lpm.prefix_len : 0;
      // §9.1.1: "Don't care" match must be omitted (prefixLen 0), and prefixLen cannot exceed the width.
      if (prefixLen <= 0) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: prefix length 0 must be omitted (don't care)`);
      if (prefixLen > width) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: prefix length ${prefixLen} exceeds ${width} bits`);
      const value = valueOrCode(lpm.value, width);
      if (value < 0n) return valueFailure(value, width, fieldName(field));
      // §9.1.1: "Don't care" bits must be 0 in value.
      if (prefixLen < width && (value & maxValue(width - prefixLen)) !== 0n) {
        return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: bits beyond the /${prefixLen} prefix must be 0`);
      }
      return { kind: 'lpm', value, prefixLen };
    }
    case 'ternary': {
      const ternary = message.ternary;
      if (!isSet(ternary)) break;
      const value = valueOrCode(ternary.value, width);
      if (value < 0n) return valueFailure(value, width, `${fieldName(field)} value`);
      const mask = valueOrCode(ternary.mask, width);
      if (mask < 0n) return valueFailure(mask, width, `${fieldName(field)} mask`);
      // §9.1.1: assert(mask != 0) — an all-wildcard ternary must be omitted; and value & mask == value.
      if (mask === 0n) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: mask 0 must be omitted (don't care)`);
      if ((value & ~mask) !== 0n) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: masked-off bits must be 0 in value`);
      return { kind: 'ternary', value, mask };
    }
    case 'range': {
      const range = message.range;
      if (!isSet(range)) break;
      const low = valueOrCode(range.low, width);
      if (low < 0n) return valueFailure(low, width, `${fieldName(field)} low`);
      const high = valueOrCode(range.high, width);
      if (high < 0n) return valueFailure(high, width, `${fieldName(field)} high`);
      if (low > high) return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: low bound exceeds high bound`);
      if (low === 0n && high === maxValue(width)) {
        return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: the full range must be omitted (don't care)`);
      }
      return { kind: 'range', low, high };
    }
  }
  return failure(Code.INVALID_ARGUMENT, `${fieldName(field)}: is ${field.kind}, got ${givenKind(message)}`);
}

const wildcard: FieldMatch = Object.freeze({ kind: 'wildcard' }) as FieldMatch;

/** parseMatchKey without the Result object: the key, or the rejection. */
export function matchKeyOf(
  fields: readonly MatchFieldInfo[], fieldById: Map<number, MatchFieldInfo>, messages: readonly FieldMatchMessage[] | undefined,
): FieldMatch[] | P4Status {
  const match: FieldMatch[] = new Array(fields.length);
  if (messages) {
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i];
      const field = fieldById.get(message.field_id ?? 0);
      if (!field) return failure(Code.INVALID_ARGUMENT, `unknown match field id ${message.field_id ?? 0}`);
      if (match[field.position] !== undefined) return failure(Code.INVALID_ARGUMENT, `match field ${field.name} given twice`);
      const parsed = fieldMatchOf(field, message);
      if (isStatus(parsed)) return parsed;
      match[field.position] = parsed;
    }
  }
  if ((messages?.length ?? 0) === fields.length) return match;
  for (const field of fields) {
    if (match[field.position] !== undefined) continue;
    // §9.1.1: "there is no 'don't care' value for EXACT matches … exact match fields can never be omitted".
    if (field.kind === 'exact') return failure(Code.INVALID_ARGUMENT, `exact match field ${field.name} is missing`);
    match[field.position] = wildcard;
  }
  return match;
}

/**
 * Match key in P4Info field order; omitted non-exact fields become wildcards.
 * Unknown or repeated field ids and a missing exact field are INVALID_ARGUMENT.
 */
export function parseMatchKey(
  fields: readonly MatchFieldInfo[], fieldById: Map<number, MatchFieldInfo>, messages: readonly FieldMatchMessage[] | undefined,
): Result<FieldMatch[]> {
  const match = matchKeyOf(fields, fieldById, messages);
  return Array.isArray(match) ? success(match) : { ok: false, status: match };
}

export type ActionUse = 'entry' | 'default' | 'member';

/** parseAction without the Result object: the invocation, or the rejection. */
export function actionOf(
  index: P4InfoIndex, actionScopes: Map<number, ActionScope>, message: ActionMessage, use: ActionUse,
): ActionInvocation | P4Status {
  const actionId = message.action_id ?? 0;
  const scope = actionScopes.get(actionId);
  const action = index.actions.get(actionId);
  if (scope === undefined || !action) return failure(Code.INVALID_ARGUMENT, `action ${actionId} is not an action of this table`);
  if (use === 'default' && scope === 'TABLE_ONLY') return failure(Code.PERMISSION_DENIED, `action ${action.name} is @tableonly`);
  if (use !== 'default' && scope === 'DEFAULT_ONLY') return failure(Code.PERMISSION_DENIED, `action ${action.name} is @defaultonly`);
  const params: bigint[] = new Array(action.params.length);
  const given = message.params;
  if (given) {
    for (let i = 0; i < given.length; i++) {
      const param = given[i];
      const info = action.paramById.get(param.param_id ?? 0);
      if (!info) return failure(Code.INVALID_ARGUMENT, `action ${action.name} has no parameter ${param.param_id ?? 0}`);
      if (params[info.position] !== undefined) return failure(Code.INVALID_ARGUMENT, `parameter ${info.name} given twice`);
      const value = valueOrCode(param.value, info.bitwidth);
      if (value < 0n) return valueFailure(value, info.bitwidth, `parameter ${info.name}`);
      params[info.position] = value;
    }
  }
  // Every parameter given once and none unknown: the count proves completeness.
  if ((given?.length ?? 0) !== action.params.length) {
    for (const info of action.params) {
      if (params[info.position] === undefined) return failure(Code.INVALID_ARGUMENT, `parameter ${info.name} of ${action.name} is missing`);
    }
  }
  return { actionId, params };
}

/**
 * Action invocation checked against the table's action set and scope
 * (§9.1.2): not in the set → INVALID_ARGUMENT; wrong scope → PERMISSION_DENIED;
 * parameters must be exactly the P4Info ones → INVALID_ARGUMENT.
 */
export function parseAction(
  index: P4InfoIndex, actionScopes: Map<number, ActionScope>, message: ActionMessage, use: ActionUse,
): Result<ActionInvocation> {
  const action = actionOf(index, actionScopes, message, use);
  return isStatus(action) ? { ok: false, status: action } : success(action);
}

export { isStatus };
