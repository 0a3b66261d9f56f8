// FieldMatch and Action validation shared by table entries, value sets and
// action profile members (P4Runtime 1.4 §9.1.1 "Match Format", §9.1.2
// "Action Specification", §8.3 "Bytestrings"). Input is the decoded message;
// output is the contract form of src/sim/entries.ts or a status value.

import type { ActionInvocation, FieldMatch } from '../../sim/entries.js';
import { maxValue, parseUnsigned } from '../bytestring.js';
import type { ActionScope, MatchFieldInfo, P4InfoIndex } from '../p4info-index.js';
import { bytesOf, isSet, type ActionMessage, type Bytes, type FieldMatchMessage } from './messages.js';
import { Code, rejection, success, type Result } from './status.js';

/** §8.3: an empty or too-wide bytestring is rejected with OUT_OF_RANGE. */
export function parseValue(bytes: Bytes | undefined, bitwidth: number, what: string): Result<bigint> {
  if (bitwidth <= 0) return rejection(Code.UNIMPLEMENTED, `${what}: values translated to SDN strings are not supported`);
  const parsed = parseUnsigned(bytesOf(bytes), bitwidth);
  if (parsed.ok) return success(parsed.value);
  return rejection(Code.OUT_OF_RANGE, parsed.error === 'empty'
    ? `${what}: empty bytestring`
    : `${what}: value does not fit in ${bitwidth} bits`);
}

const matchKindNames = ['exact', 'lpm', 'ternary', 'range', 'optional', 'other'] as const;
type MatchKindName = (typeof matchKindNames)[number];

function parseOne(field: MatchFieldInfo, message: FieldMatchMessage): Result<FieldMatch> {
  const what = `match field ${field.name || field.id}`;
  // Hot path: count the set kinds without allocating.
  let given: MatchKindName | undefined;
  let count = 0;
  for (const kind of matchKindNames) {
    if (isSet(message[kind])) {
      given = kind;
      count++;
    }
  }
  if (count !== 1 || given === undefined) return rejection(Code.INVALID_ARGUMENT, `${what}: exactly one match kind must be set`);
  if (given === 'other' || field.kind === 'other') return rejection(Code.UNIMPLEMENTED, `${what}: architecture-specific match kinds are not supported`);
  if (given !== field.kind) return rejection(Code.INVALID_ARGUMENT, `${what}: is ${field.kind}, got ${given}`);
  const width = field.bitwidth;
  switch (field.kind) {
    case 'exact':
    case 'optional': {
      const value = parseValue(message[field.kind]!.value, width, what);
      return value.ok ? success({ kind: field.kind, value: value.value }) : value;
    }
    case 'lpm': {
      const lpm = message.lpm!;
      const prefixLen = typeof lpm.prefix_len === 'number' ? lpm.prefix_len : 0;
      // §9.1.1: "Don't care" match must be omitted (prefixLen 0), and prefixLen cannot exceed the width.
      if (prefixLen <= 0) return rejection(Code.INVALID_ARGUMENT, `${what}: prefix length 0 must be omitted (don't care)`);
      if (prefixLen > width) return rejection(Code.INVALID_ARGUMENT, `${what}: prefix length ${prefixLen} exceeds ${width} bits`);
      const value = parseValue(lpm.value, width, what);
      if (!value.ok) return value;
      // §9.1.1: "Don't care" bits must be 0 in value.
      const hostMask = maxValue(width - prefixLen);
      if ((value.value & hostMask) !== 0n) return rejection(Code.INVALID_ARGUMENT, `${what}: bits beyond the /${prefixLen} prefix must be 0`);
      return success({ kind: 'lpm', value: value.value, prefixLen });
    }
    case 'ternary': {
      const value = parseValue(message.ternary!.value, width, `${what} value`);
      if (!value.ok) return value;
      const mask = parseValue(message.ternary!.mask, width, `${what} mask`);
      if (!mask.ok) return mask;
      // §9.1.1: assert(mask != 0) — an all-wildcard ternary must be omitted; and value & mask == value.
      if (mask.value === 0n) return rejection(Code.INVALID_ARGUMENT, `${what}: mask 0 must be omitted (don't care)`);
      if ((value.value & ~mask.value) !== 0n) return rejection(Code.INVALID_ARGUMENT, `${what}: masked-off bits must be 0 in value`);
      return success({ kind: 'ternary', value: value.value, mask: mask.value });
    }
    case 'range': {
      const low = parseValue(message.range!.low, width, `${what} low`);
      if (!low.ok) return low;
      const high = parseValue(message.range!.high, width, `${what} high`);
      if (!high.ok) return high;
      if (low.value > high.value) return rejection(Code.INVALID_ARGUMENT, `${what}: low bound exceeds high bound`);
      if (low.value === 0n && high.value === maxValue(width)) {
        return rejection(Code.INVALID_ARGUMENT, `${what}: the full range must be omitted (don't care)`);
      }
      return success({ kind: 'range', low: low.value, high: high.value });
    }
  }
}

/**
 * Match key in P4Info field order; omitted non-exact fields become wildcards.
 * Unknown or repeated field ids and a missing exact field are INVALID_ARGUMENT.
 */
export function parseMatchKey(
  fields: readonly MatchFieldInfo[], fieldById: Map<number, MatchFieldInfo>, messages: readonly FieldMatchMessage[] | undefined,
): Result<FieldMatch[]> {
  const match: FieldMatch[] = new Array(fields.length);
  for (const message of messages ?? []) {
    const field = fieldById.get(message.field_id ?? 0);
    if (!field) return rejection(Code.INVALID_ARGUMENT, `unknown match field id ${message.field_id ?? 0}`);
    if (match[field.position] !== undefined) return rejection(Code.INVALID_ARGUMENT, `match field ${field.name} given twice`);
    const parsed = parseOne(field, message);
    if (!parsed.ok) return parsed;
    match[field.position] = parsed.value;
  }
  for (const field of fields) {
    if (match[field.position] !== undefined) continue;
    // §9.1.1: "there is no 'don't care' value for EXACT matches … exact match fields can never be omitted".
    if (field.kind === 'exact') return rejection(Code.INVALID_ARGUMENT, `exact match field ${field.name} is missing`);
    match[field.position] = { kind: 'wildcard' };
  }
  return success(match);
}

export type ActionUse = 'entry' | 'default' | 'member';

/**
 * Action invocation checked against the table's action set and scope
 * (§9.1.2): not in the set → INVALID_ARGUMENT; wrong scope → PERMISSION_DENIED;
 * parameters must be exactly the P4Info ones → INVALID_ARGUMENT.
 */
export function parseAction(
  index: P4InfoIndex, actionScopes: Map<number, ActionScope>, message: ActionMessage, use: ActionUse,
): Result<ActionInvocation> {
  const actionId = message.action_id ?? 0;
  const scope = actionScopes.get(actionId);
  const action = index.actions.get(actionId);
  if (scope === undefined || !action) return rejection(Code.INVALID_ARGUMENT, `action ${actionId} is not an action of this table`);
  if (use === 'default' && scope === 'TABLE_ONLY') return rejection(Code.PERMISSION_DENIED, `action ${action.name} is @tableonly`);
  if (use !== 'default' && scope === 'DEFAULT_ONLY') return rejection(Code.PERMISSION_DENIED, `action ${action.name} is @defaultonly`);
  const params: bigint[] = new Array(action.params.length);
  for (const param of message.params ?? []) {
    const info = action.paramById.get(param.param_id ?? 0);
    if (!info) return rejection(Code.INVALID_ARGUMENT, `action ${action.name} has no parameter ${param.param_id ?? 0}`);
    if (params[info.position] !== undefined) return rejection(Code.INVALID_ARGUMENT, `parameter ${info.name} given twice`);
    const value = parseValue(param.value, info.bitwidth, `parameter ${info.name}`);
    if (!value.ok) return value;
    params[info.position] = value.value;
  }
  for (const info of action.params) {
    if (params[info.position] === undefined) return rejection(Code.INVALID_ARGUMENT, `parameter ${info.name} of ${action.name} is missing`);
  }
  return success({ actionId, params });
}
