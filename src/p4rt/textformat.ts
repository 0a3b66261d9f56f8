// Protocol Buffers text format, writer and parser, driven by protobufjs
// reflection over our protos (src/p4rt/proto.ts). The writer prints what
// protoc's TextFormat::Printer prints so golden files compare byte for byte
// with p4c's `--p4runtime-files x.p4info.txtpb` output:
//   - fields in field-number order, one per line, `name: value`;
//   - messages as `name {` ... `}` with two-space indentation;
//   - proto3 scalars at their default value omitted (unless in a oneof or
//     declared `optional`); a present sub-message is printed even when empty;
//   - enums by value name; strings and bytes C-escaped byte by byte with
//     three-digit octal escapes for non-printable bytes;
//   - map entries sorted by key; Any expanded as `[type.googleapis.com/T] {}`.
// The parser accepts the text format generally (comments, `<>` delimiters,
// optional `:` before messages, `,`/`;` separators, string concatenation) and
// returns objects with the project conventions (see proto.ts).

import protobuf from 'protobufjs';
import { CONVERSION, messageType, type DecodeResult } from './proto.js';

const ANY = '.google.protobuf.Any';
const TYPE_URL_PREFIX = 'type.googleapis.com/';
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32: [bigint, bigint] = [-(2n ** 31n), 2n ** 31n - 1n];
const INT64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];
const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  int32: INT32, sint32: INT32, sfixed32: INT32,
  uint32: [0n, 2n ** 32n - 1n], fixed32: [0n, 2n ** 32n - 1n],
  int64: INT64, sint64: INT64, sfixed64: INT64,
  uint64: [0n, 2n ** 64n - 1n], fixed64: [0n, 2n ** 64n - 1n],
};

// ------------------------------------------------------------------- writer

/** Print `value` (project conventions) as text format of message type `fullName`. */
export function formatText(fullName: string, value: object): string {
  const type = messageType(fullName);
  const normalized = type.toObject(type.fromObject(value as Record<string, unknown>), CONVERSION);
  const lines: string[] = [];
  printMessage(type, normalized, '', lines);
  return lines.map((line) => `${line}\n`).join('');
}

function printMessage(type: protobuf.Type, value: Record<string, unknown>, indent: string, lines: string[]): void {
  if (type.fullName === ANY && printExpandedAny(value, indent, lines)) return;
  const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of fields) {
    field.resolve();
    const fieldValue = value[field.name];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (field.map) {
      printMap(field, fieldValue as Record<string, unknown>, indent, lines);
    } else if (field.repeated) {
      for (const element of fieldValue as unknown[]) printField(field, element, indent, lines);
    } else if (field.resolvedType instanceof protobuf.Type || field.partOf || !isDefault(field, fieldValue)) {
      printField(field, fieldValue, indent, lines);
    }
  }
}

function printField(field: protobuf.Field, value: unknown, indent: string, lines: string[]): void {
  if (field.resolvedType instanceof protobuf.Type) {
    lines.push(`${indent}${field.name} {`);
    printMessage(field.resolvedType, value as Record<string, unknown>, `${indent}  `, lines);
    lines.push(`${indent}}`);
  } else {
    lines.push(`${indent}${field.name}: ${scalarText(field, value)}`);
  }
}

function printMap(field: protobuf.Field, entries: Record<string, unknown>, indent: string, lines: string[]): void {
    const keyField = new protobuf.Field('key', 1, mapKeyType(field));
  const valueType = field.resolvedType;
  const keys = Object.keys(entries).sort(mapKeyType(field) === 'string' ? undefined : (a, b) => Number(BigInt(a) - BigInt(b)));
  for (const key of keys) {
    lines.push(`${indent}${field.name} {`);
    lines.push(`${indent}  key: ${scalarText(keyField, key)}`);
    if (valueType instanceof protobuf.Type) {
      lines.push(`${indent}  value {`);
      printMessage(valueType, entries[key] as Record<string, unknown>, `${indent}    `, lines);
      lines.push(`${indent}  }`);
    } else {
      lines.push(`${indent}  value: ${scalarText(field, entries[key])}`);
    }
    lines.push(`${indent}}`);
  }
}

function printExpandedAny(value: Record<string, unknown>, indent: string, lines: string[]): boolean {
  const url = value.type_url;
  if (typeof url !== 'string' || !url.includes('/')) return false;
  const inner = lookupTypeOrUndefined(url.slice(url.lastIndexOf('/') + 1));
  if (!inner) return false;
  const bytes = value.value instanceof Uint8Array ? value.value : new Uint8Array();
  let decoded: Record<string, unknown>;
  try {
    decoded = inner.toObject(inner.decode(bytes), CONVERSION);
  } catch {
    return false;
  }
  lines.push(`${indent}[${url}] {`);
  printMessage(inner, decoded, `${indent}  `, lines);
  lines.push(`${indent}}`);
  return true;
}

/** protobufjs marks map fields with `map`; their key type lives on the MapField subclass. */
function mapKeyType(field: protobuf.Field): string {
  return (field as unknown as protobuf.MapField).keyType;
}

function isDefault(field: protobuf.Field, value: unknown): boolean {
  if (field.resolvedType instanceof protobuf.Enum) {
    return value === 0 || field.resolvedType.values[value as string] === 0;
  }
  if (value instanceof Uint8Array) return value.length === 0;
  if (typeof value === 'string' && LONG_TYPES.has(field.type)) return BigInt(value) === 0n;
  return value === '' || value === 0 || value === false;
}

function scalarText(field: protobuf.Field, value: unknown): string {
  if (field.resolvedType instanceof protobuf.Enum) return String(value);
  if (field.type === 'bytes') return `"${escapeBytes(value as Uint8Array)}"`;
  if (field.type === 'string') return `"${escapeBytes(new TextEncoder().encode(value as string))}"`;
  return String(value);
}

/** protoc's CEscape: C escapes for the usual characters, octal for other non-printable bytes. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    switch (byte) {
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x22: out += '\\"'; break;
      case 0x27: out += "\\'"; break;
      case 0x5c: out += '\\\\'; break;
      default:
        out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return out;
}

function lookupTypeOrUndefined(name: string): protobuf.Type | undefined {
  try {
    return messageType(name);
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------- parser

export interface ParseOptions {
  /**
   * Skip fields our protos do not have instead of failing, e.g. to read P4Info
   * written against a newer P4Runtime than v1.4. Off by default, as in protoc.
   */
  allowUnknownFields?: boolean;
}

/** Parse text format of message type `fullName`; errors are values with line:column. */
export function parseText<T = Record<string, unknown>>(fullName: string, text: string, options: ParseOptions = {}): DecodeResult<T> {
  const type = messageType(fullName);
  try {
    const reader = new TextReader(text);
    reader.allowUnknownFields = options.allowUnknownFields ?? false;
    const raw = parseFields(type, reader, undefined);
    return { ok: true, value: type.toObject(type.fromObject(raw), CONVERSION) as T };
  } catch (error) {
    if (error instanceof TextFormatError) return { ok: false, error: `${fullName}: ${error.message}` };
    throw error;
  }
}

class TextFormatError extends Error {}

type Token = { kind: 'ident' | 'number' | 'string' | 'punct'; text: string; line: number; column: number };

/** Tokenizer over the whole input; `#` comments run to end of line. */
class TextReader {
  private readonly tokens: Token[] = [];
  private position = 0;
  allowUnknownFields = false;

  constructor(text: string) {
    const pattern = /\s+|#[^\n]*|([A-Za-z_][\w.]*)|(-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fF]?|inf|nan))|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([{}<>[\]:,;/-])/y;
    let line = 1;
    let lineStart = 0;
    let index = 0;
    while (index < text.length) {
      pattern.lastIndex = index;
      const match = pattern.exec(text);
      if (!match) throw new TextFormatError(`${line}:${index - lineStart + 1}: unexpected character ${JSON.stringify(text[index])}`);
      const column = index - lineStart + 1;
      if (match[1] !== undefined) this.tokens.push({ kind: 'ident', text: match[1], line, column });
      else if (match[2] !== undefined) this.tokens.push({ kind: 'number', text: match[2], line, column });
      else if (match[3] !== undefined) this.tokens.push({ kind: 'string', text: match[3], line, column });
      else if (match[4] !== undefined) this.tokens.push({ kind: 'punct', text: match[4], line, column });
      for (let i = index; i < pattern.lastIndex; i++) {
        if (text.charCodeAt(i) === 0x0a) {
          line++;
          lineStart = i + 1;
        }
      }
      index = pattern.lastIndex;
    }
  }

  peek(): Token | undefined {
    return this.tokens[this.position];
  }

  next(what: string): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new TextFormatError(`end of input: expected ${what}`);
    return token;
  }

  accept(punct: string): boolean {
    const token = this.peek();
    if (token?.kind === 'punct' && token.text === punct) {
      this.position++;
      return true;
    }
    return false;
  }

  expect(punct: string): void {
    const token = this.next(`'${punct}'`);
    if (token.kind !== 'punct' || token.text !== punct) fail(token, `expected '${punct}', found '${token.text}'`);
  }
}

function fail(token: Token, message: string): never {
  throw new TextFormatError(`${token.line}:${token.column}: ${message}`);
}

/** Fields until `close` (or end of input at top level), as a fromObject-ready object. */
function parseFields(type: protobuf.Type, reader: TextReader, close: string | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (;;) {
    const token = reader.peek();
    if (!token) {
      if (close) throw new TextFormatError(`end of input: expected '${close}'`);
      return result;
    }
    if (close && reader.accept(close)) return result;
    if (type.fullName === ANY && token.kind === 'punct' && token.text === '[') {
      Object.assign(result, parseExpandedAny(reader));
    } else {
      const nameToken = reader.next('a field name');
      if (nameToken.kind !== 'ident') fail(nameToken, `expected a field name, found '${nameToken.text}'`);
      const field = type.fields[nameToken.text];
      if (!field && reader.allowUnknownFields) {
        skipValue(reader, nameToken);
        if (!reader.accept(',')) reader.accept(';');
        continue;
      }
      if (!field) fail(nameToken, `${type.name} has no field '${nameToken.text}'`);
      field.resolve();
      const value = parseFieldValue(field, reader);
      if (field.map) {
        const entry = value as { key?: unknown; value?: unknown };
        const entries = (result[field.name] ??= {}) as Record<string, unknown>;
        const key = entry.key ?? (mapKeyType(field) === 'string' ? '' : '0');
        entries[String(key)] = entry.value ?? (field.resolvedType instanceof protobuf.Type ? {} : undefined);
      } else if (field.repeated) {
        const list = (result[field.name] ??= []) as unknown[];
        if (Array.isArray(value)) list.push(...value);
        else list.push(value);
      } else {
        result[field.name] = value;
      }
    }
    if (!reader.accept(',')) reader.accept(';');
  }
}

function parseFieldValue(field: protobuf.Field, reader: TextReader): unknown {
  const isMessage = field.map || field.resolvedType instanceof protobuf.Type;
  const hadColon = reader.accept(':');
  if (field.repeated && !field.map && reader.accept('[')) {
    // Short repeated form: `name: [a, b]`.
    const list: unknown[] = [];
    if (reader.accept(']')) return list;
    do list.push(parseSingle(field, reader, isMessage, hadColon)); while (reader.accept(','));
    reader.expect(']');
    return list;
  }
  return parseSingle(field, reader, isMessage, hadColon);
}

function parseSingle(field: protobuf.Field, reader: TextReader, isMessage: boolean, hadColon: boolean, asMapEntry = field.map): unknown {
  if (isMessage) {
    const open = reader.next("'{' or '<'");
    if (open.kind !== 'punct' || (open.text !== '{' && open.text !== '<')) fail(open, `expected '{' for ${field.name}`);
    const close = open.text === '{' ? '}' : '>';
    if (asMapEntry) return parseMapEntry(field, reader, close);
    return parseFields(field.resolvedType as protobuf.Type, reader, close);
  }
  if (!hadColon) fail(reader.peek() ?? { kind: 'punct', text: '', line: 0, column: 0 }, `expected ':' after ${field.name}`);
  return parseScalar(field, reader);
}

/** Consume the value of an unknown field: a scalar, a `[...]` list or a `{...}` message. */
function skipValue(reader: TextReader, name: Token): void {
  const hadColon = reader.accept(':');
  const first = reader.peek();
  if (first?.kind === 'punct' && (first.text === '{' || first.text === '<' || (hadColon && first.text === '['))) {
    let depth = 0;
    do {
      const token = reader.next('the end of a skipped value');
      if (token.kind === 'punct' && '{<['.includes(token.text)) depth++;
      if (token.kind === 'punct' && '}>]'.includes(token.text)) depth--;
    } while (depth > 0);
    return;
  }
  if (!hadColon) fail(first ?? name, `expected ':' or '{' after ${name.text}`);
  const value = reader.next(`a value for ${name.text}`);
  if (value.kind === 'punct' && value.text === '-') reader.next(`a value for ${name.text}`);
  if (value.kind === 'string') while (reader.peek()?.kind === 'string') reader.next('string');
}

/** `{ key: k value: v }` of a map field. */
function parseMapEntry(field: protobuf.Field, reader: TextReader, close: string): { key?: unknown; value?: unknown } {
  const keyField = new protobuf.Field('key', 1, mapKeyType(field));
  const entry: { key?: unknown; value?: unknown } = {};
  while (!reader.accept(close)) {
    const name = reader.next(`'key', 'value' or '${close}'`);
    if (name.kind === 'ident' && name.text === 'key') {
      reader.expect(':');
      entry.key = parseScalar(keyField, reader);
    } else if (name.kind === 'ident' && name.text === 'value') {
      entry.value = field.resolvedType instanceof protobuf.Type ? parseSingle(field, reader, true, reader.accept(':'), false) : (reader.expect(':'), parseScalar(field, reader));
    } else {
      fail(name, `expected 'key' or 'value' in an entry of ${field.name}`);
    }
    if (!reader.accept(',')) reader.accept(';');
  }
  return entry;
}

function parseScalar(field: protobuf.Field, reader: TextReader): unknown {
  const token = reader.next(`a value for ${field.name}`);
  if (field.resolvedType instanceof protobuf.Enum) {
    if (token.kind === 'ident' && token.text in field.resolvedType.values) return token.text;
    if (token.kind === 'number' && /^-?\d+$/.test(token.text)) return Number(token.text);
    fail(token, `'${token.text}' is not a value of enum ${field.resolvedType.name}`);
  }
  switch (field.type) {
    case 'string':
    case 'bytes': {
      if (token.kind !== 'string') fail(token, `expected a string for ${field.name}`);
      const parts = [unescape(token)];
      while (reader.peek()?.kind === 'string') parts.push(unescape(reader.next('string')));
      const bytes = concatBytes(parts);
      return field.type === 'bytes' ? bytes : new TextDecoder().decode(bytes);
    }
    case 'bool':
      if (token.text === 'true' || token.text === 't' || token.text === '1') return true;
      if (token.text === 'false' || token.text === 'f' || token.text === '0') return false;
      return fail(token, `expected true or false for ${field.name}`);
    case 'float':
    case 'double':
      if (token.kind === 'number' || /^-?(inf|infinity|nan)$/i.test(token.text)) return Number(token.text.replace(/[fF]$/, '').replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
      return fail(token, `expected a number for ${field.name}`);
    default: {
      if (token.kind !== 'number') fail(token, `expected an integer for ${field.name}`);
      const integer = parseInteger(token.text);
      if (integer === undefined) fail(token, `'${token.text}' is not an integer`);
      const [low, high] = INTEGER_RANGES[field.type] ?? [-(2n ** 63n), 2n ** 64n - 1n];
      if (integer < low || integer > high) fail(token, `${token.text} is out of range for ${field.type} ${field.name}`);
      return LONG_TYPES.has(field.type) ? integer.toString() : Number(integer);
    }
  }
}

function parseInteger(text: string): bigint | undefined {
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  let value: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) value = BigInt(digits);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else if (/^\d+$/.test(digits)) value = BigInt(digits);
  else return undefined;
  return negative ? -value : value;
}

/** C-style unescape of a quoted token into bytes (strings are UTF-8). */
function unescape(token: Token): Uint8Array {
  const body = token.text.slice(1, -1);
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      const code = body.codePointAt(i)!;
      if (code > 0xffff) i++;
      out.push(...encoder.encode(String.fromCodePoint(code)));
      continue;
    }
    const next = body[++i];
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };
    if (next in simple) {
      out.push(simple[next]);
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out.push(parseInt(octal, 8) & 0xff);
      i += octal.length - 1;
    } else if (next === 'x' || next === 'X') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1));
      if (!hex) fail(token, 'bad \\x escape');
      out.push(parseInt(hex[0], 16));
      i += hex[0].length;
    } else if (next === 'u' || next === 'U') {
      const length = next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) fail(token, `bad \\${next} escape`);
      out.push(...encoder.encode(String.fromCodePoint(parseInt(hex, 16))));
      i += length;
    } else {
      fail(token, `unknown escape \\${next}`);
    }
  }
  return Uint8Array.from(out);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `[type.googleapis.com/p4.x.Y] { ... }` inside an Any. */
function parseExpandedAny(reader: TextReader): { type_url: string; value: Uint8Array } {
  reader.expect('[');
  let url = '';
  for (;;) {
    const token = reader.next("']'");
    if (token.kind === 'punct' && token.text === ']') break;
    url += token.text;
  }
  const typeName = url.slice(url.lastIndexOf('/') + 1);
  const inner = lookupTypeOrUndefined(typeName);
  const at = reader.peek() ?? { kind: 'punct' as const, text: '', line: 0, column: 0 };
  if (!inner) fail(at, `unknown type in Any: ${url}`);
  reader.accept(':');
  const open = reader.next("'{'");
  if (open.kind !== 'punct' || (open.text !== '{' && open.text !== '<')) fail(open, "expected '{' after Any type URL");
  const fields = parseFields(inner, reader, open.text === '{' ? '}' : '>');
  return { type_url: url.startsWith(TYPE_URL_PREFIX) || url.includes('/') ? url : `${TYPE_URL_PREFIX}${url}`, value: inner.encode(inner.fromObject(fields)).finish() };
}
