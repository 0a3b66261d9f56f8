// STF parser. One statement per line (the p4c lexer returns to keyword mode at
// every newline), `#` starts a comment, keywords are case-insensitive. Errors
// are values with a line number; parsing continues with the next line, as the
// p4c parser skips to the next statement.

import { fromHex, type Result, fail, ok } from '../../packet/bytes.js';
import type { StfActionCall, StfComparison, StfFile, StfKey, StfParseError, StfStatement } from './ast.js';
import { parseExpectPattern, parseStfMatchValue, parseStfNumber } from './values.js';

type Body = Result<Omit<StfStatement, 'line'> & { kind: StfStatement['kind'] }>;

const qualifiedName = /^[A-Za-z_$][\w$]*(\[\d+\])?(\.[A-Za-z_$][\w$]*(\[\d+\])?)*$/;
/** Bound on one line: packets are at most a few kilobytes of hex. */
const maximumLineLength = 1 << 20;

export function parseStf(text: string): StfFile {
  const statements: StfStatement[] = [];
  const errors: StfParseError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.length > maximumLineLength) {
      errors.push({ line, message: `line longer than ${maximumLineLength} characters` });
      return;
    }
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const parsed = parseStatement(content);
    if (parsed.ok) statements.push({ ...parsed.value, line } as StfStatement);
    else errors.push({ line, message: parsed.error });
  });
  return { statements, errors };
}

function parseStatement(content: string): Body {
  const space = content.search(/\s/);
  const keyword = (space < 0 ? content : content.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : content.slice(space).trim();
  switch (keyword) {
    case 'add':
      return parseAdd(rest);
    case 'setdefault':
      return parseSetDefault(rest);
    case 'remove':
      return parseRemove(rest);
    case 'packet':
      return parsePacket(rest);
    case 'expect':
      return parseExpect(rest);
    case 'no_packet':
      return rest === '' ? ok({ kind: 'no_packet' }) : fail('no_packet takes no arguments');
    case 'wait':
      return rest === '' ? ok({ kind: 'wait' }) : fail('wait takes no arguments');
    case 'check_counter':
      return parseCheckCounter(rest);
    case 'mc_mgrp_create':
    case 'mc_node_create':
    case 'mc_node_update':
    case 'mc_node_associate':
    case 'mirroring_add':
    case 'mirroring_add_mc':
    case 'mirroring_delete':
      return parseNumericCommand(keyword, rest);
    case 'mirroring_get':
    case 'counter_read':
    case 'counter_write':
    case 'register_read':
    case 'register_write':
    case 'register_reset':
    case 'meter_get_rates':
    case 'meter_set_rates':
    case 'meter_array_set_rates':
      return ok({ kind: 'direct', command: keyword, args: rest === '' ? [] : rest.split(/\s+/) });
    default:
      return fail(`unknown STF command "${keyword}"`);
  }
}

/** Remove blanks around punctuation so that each key and the action call is one word. */
function tighten(text: string): string {
  return text.replace(/\s*(&&&|->|[:/(),=])\s*/g, '$1');
}

function parseKeys(words: string[]): Result<StfKey[]> {
  const keys: StfKey[] = [];
  for (const word of words) {
    const colon = word.indexOf(':');
    if (colon <= 0) return fail(`expected FIELD:VALUE, got "${word}"`);
    const field = word.slice(0, colon);
    if (!qualifiedName.test(field)) return fail(`invalid key field name "${field}"`);
    const match = parseStfMatchValue(word.slice(colon + 1));
    if (!match.ok) return fail(`key ${field}: ${match.error}`);
    keys.push({ field, match: match.value });
  }
  return ok(keys);
}

function parseActionCall(text: string): Result<StfActionCall> {
  const match = /^([^()]+)\((.*)\)$/.exec(text);
  if (!match || !qualifiedName.test(match[1])) return fail(`expected ACTION(ARG:VALUE, ...), got "${text}"`);
  const args: StfActionCall['args'] = [];
  if (match[2] !== '') {
    for (const argument of match[2].split(',')) {
      const colon = argument.indexOf(':');
      const name = argument.slice(0, colon);
      if (colon <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) return fail(`expected ARG:VALUE, got "${argument}"`);
      const value = parseStfNumber(argument.slice(colon + 1));
      if (!value.ok) return fail(`argument ${name}: ${value.error}`);
      args.push({ name, value: value.value });
    }
  }
  return ok({ name: match[1], args });
}

function parseAdd(rest: string): Body {
  const words = tighten(rest).split(/\s+/).filter((word) => word !== '');
  const table = words.shift();
  if (!table || !qualifiedName.test(table)) return fail('add needs a table name');
  let priority: number | undefined;
  if (words.length > 0 && /^\d+$/.test(words[0])) priority = Number(words.shift());
  const actionAt = words.findIndex((word) => word.includes('('));
  if (actionAt < 0) return fail('add needs an action call ACTION(...)');
  const keys = parseKeys(words.slice(0, actionAt));
  if (!keys.ok) return keys;
  // The action call may be followed by "=HANDLE" (an entry id for check_counter).
  let actionText = words.slice(actionAt).join('');
  let handle: string | undefined;
  const handleMatch = /\)=([A-Za-z_$][\w$]*)$/.exec(actionText);
  if (handleMatch) {
    handle = handleMatch[1].replace(/^\$/, '');
    actionText = actionText.slice(0, actionText.length - handleMatch[0].length + 1);
  }
  const action = parseActionCall(actionText);
  if (!action.ok) return action;
  return ok({ kind: 'add', table, priority, keys: keys.value, action: action.value, handle });
}

function parseSetDefault(rest: string): Body {
  const words = tighten(rest).split(/\s+/).filter((word) => word !== '');
  const table = words.shift();
  if (!table || !qualifiedName.test(table)) return fail('setdefault needs a table name');
  const action = parseActionCall(words.join(''));
  if (!action.ok) return action;
  return ok({ kind: 'setdefault', table, action: action.value });
}

function parseRemove(rest: string): Body {
  if (rest.toLowerCase() === 'all') return ok({ kind: 'remove', all: true });
  const words = tighten(rest).split(/\s+/).filter((word) => word !== '');
  const table = words.shift();
  if (!table || !qualifiedName.test(table)) return fail('remove needs "all" or a table name and its key');
  let priority: number | undefined;
  if (words.length > 0 && /^\d+$/.test(words[0])) priority = Number(words.shift());
  const keys = parseKeys(words);
  if (!keys.ok) return keys;
  return ok({ kind: 'remove', all: false, table, priority, keys: keys.value });
}

function parsePort(text: string | undefined): Result<number> {
  if (!text || !/^\d{1,9}$/.test(text)) return fail(`expected a decimal port number, got "${text ?? ''}"`);
  return ok(Number(text));
}

function splitFirst(rest: string): [string, string] {
  const space = rest.search(/\s/);
  return space < 0 ? [rest, ''] : [rest.slice(0, space), rest.slice(space).trim()];
}

function parsePacket(rest: string): Body {
  const [portText, data] = splitFirst(rest);
  const port = parsePort(portText);
  if (!port.ok) return port;
  const bytes = packetBytes(data);
  if (!bytes.ok) return fail(`packet data: ${bytes.error}`);
  return ok({ kind: 'packet', port: port.value, data: bytes.value });
}

/**
 * Packet data as p4c's driver reads it (bmv2stf.py HexToByte): whitespace is
 * dropped, digits are taken in pairs and a lone last digit is a byte of its
 * own ("0" → 0x00); no data sends an empty packet.
 */
function packetBytes(data: string): Result<Uint8Array> {
  const digits = data.replace(/\s+/g, '');
  if (digits.length % 2 === 0) return fromHex(digits);
  const even = fromHex(digits.slice(0, -1));
  if (!even.ok) return even;
  const last = digits[digits.length - 1];
  if (!/^[0-9a-fA-F]$/.test(last)) return fail('invalid hex character');
  const bytes = new Uint8Array(even.value.length + 1);
  bytes.set(even.value);
  bytes[even.value.length] = parseInt(last, 16);
  return ok(bytes);
}

function parseExpect(rest: string): Body {
  const [portText, data] = splitFirst(rest);
  const port = parsePort(portText);
  if (!port.ok) return port;
  if (data === '') return ok({ kind: 'expect', port: port.value });
  const pattern = parseExpectPattern(data);
  if (!pattern.ok) return pattern;
  return ok({ kind: 'expect', port: port.value, pattern: pattern.value });
}

function parseCheckCounter(rest: string): Body {
  const match =
    /^([A-Za-z_$][\w$.]*(?:\[\d+\])?)\s*\(\s*([^()\s]+)\s*\)\s*(?:(packets|bytes)\s*(==|!=|<=|>=|<|>)\s*(\S+))?$/i.exec(rest);
  if (!match) return fail('expected check_counter NAME(INDEX) [packets|bytes OP VALUE]');
  const [, counter, indexText, countType, comparison, expectedText] = match;
  let index: Extract<StfStatement, { kind: 'check_counter' }>['index'];
  if (/^[A-Za-z_$]/.test(indexText)) {
    index = { kind: 'handle', handle: indexText.replace(/^\$/, '') };
  } else {
    const number = parseStfNumber(indexText);
    if (!number.ok || number.value.mask !== undefined) return fail(`invalid counter index "${indexText}"`);
    index = { kind: 'index', index: number.value.value };
  }
  // p4c's bmv2 grammar: without a condition the check is "== 0".
  let expected = 0n;
  if (expectedText !== undefined) {
    const number = parseStfNumber(expectedText);
    if (!number.ok || number.value.mask !== undefined) return fail(`invalid expected count "${expectedText}"`);
    expected = number.value.value;
  }
  return ok({
    kind: 'check_counter',
    counter,
    index,
    countType: countType?.toLowerCase() as 'packets' | 'bytes' | undefined,
    comparison: (comparison ?? '==') as StfComparison,
    expected,
  });
}

const numericArity: Record<string, [number, boolean]> = {
  mc_mgrp_create: [1, false],
  mc_node_create: [1, true], // replication id, then a port list
  mc_node_update: [1, true], // node handle, then a port list
  mc_node_associate: [2, false],
  mirroring_add: [2, false],
  mirroring_add_mc: [2, false],
  mirroring_delete: [1, false],
};

function parseNumericCommand(keyword: string, rest: string): Body {
  const [fixed, list] = numericArity[keyword];
  const words = rest === '' ? [] : rest.split(/\s+/);
  const numbers: number[] = [];
  for (const word of words) {
    const number = parseStfNumber(word);
    if (!number.ok || number.value.mask !== undefined || number.value.value > 0xffffffffn) {
      return fail(`${keyword}: invalid number "${word}"`);
    }
    numbers.push(Number(number.value.value));
  }
  if (list ? numbers.length < fixed : numbers.length !== fixed) {
    return fail(`${keyword} takes ${fixed}${list ? ' or more' : ''} numbers, got ${numbers.length}`);
  }
  const [first, second] = numbers;
  switch (keyword) {
    case 'mc_mgrp_create':
      return ok({ kind: keyword, group: first });
    case 'mc_node_create':
      return ok({ kind: keyword, replicationId: first, ports: numbers.slice(1) });
    case 'mc_node_update':
      return ok({ kind: keyword, node: first, ports: numbers.slice(1) });
    case 'mc_node_associate':
      return ok({ kind: keyword, group: first, node: second });
    case 'mirroring_add':
      return ok({ kind: keyword, session: first, port: second });
    case 'mirroring_add_mc':
      return ok({ kind: keyword, session: first, group: second });
    default:
      return ok({ kind: 'mirroring_delete', session: first });
  }
}
