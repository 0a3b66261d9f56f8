// P4Info serializations, as p4c writes them with --p4runtime-files:
// `.txtpb`/`.txt` protobuf text format, `.json` protobuf JSON mapping, `.bin`
// protobuf binary.

import protobuf from 'protobufjs';
import { CONVERSION, decodeP4Info, encodeP4Info, messageType, type DecodeResult } from '../../p4rt/proto.js';
import { formatText, parseText } from '../../p4rt/textformat.js';
import type { P4InfoObject } from './types.js';

export type P4InfoFormat = 'text' | 'json' | 'binary';

export function formatP4Info(info: P4InfoObject, format: 'binary'): Uint8Array;
export function formatP4Info(info: P4InfoObject, format: 'text' | 'json'): string;
export function formatP4Info(info: P4InfoObject, format: P4InfoFormat): string | Uint8Array;
export function formatP4Info(info: P4InfoObject, format: P4InfoFormat): string | Uint8Array {
  switch (format) {
    case 'binary':
      return encodeP4Info(info);
    case 'text':
      return formatText('p4.config.v1.P4Info', info);
    case 'json':
      return formatJson(info);
  }
}

/** The file format p4c infers from a file name suffix; undefined when unknown. */
export function formatForFile(fileName: string): P4InfoFormat | undefined {
  if (/\.(txt|txtpb)$/.test(fileName)) return 'text';
  if (fileName.endsWith('.json')) return 'json';
  if (fileName.endsWith('.bin')) return 'binary';
  return undefined;
}

/** First lines of p4c's .txtpb files: they tell editors and tools the message type. */
export const TEXT_FILE_HEADER = '# proto-file: p4/config/v1/p4info.proto\n# proto-message: p4.config.v1.P4Info\n\n';

/** File contents for `fileName` (format from its suffix, as p4c's --p4runtime-files); undefined for an unknown suffix. */
export function p4infoFileContents(info: P4InfoObject, fileName: string): string | Uint8Array | undefined {
  const format = formatForFile(fileName);
  if (format === undefined) return undefined;
  const contents = formatP4Info(info, format);
  return fileName.endsWith('.txtpb') ? TEXT_FILE_HEADER + (contents as string) : contents;
}

/**
 * Protobuf JSON mapping: lowerCamelCase field names, 64-bit integers as
 * strings, bytes as base64, enums by name, fields at their default omitted,
 * fields in field-number order (the order protobuf's printer walks the
 * message); indented by one space as protobuf's printer does with whitespace.
 */
function formatJson(info: P4InfoObject): string {
  const type = messageType('p4.config.v1.P4Info');
  const object = type.toObject(type.fromObject(info as Record<string, unknown>), { ...CONVERSION, bytes: String, json: true });
  return JSON.stringify(jsonFields(type, object), null, 1);
}

function jsonName(field: protobuf.Field): string {
  return field.name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function jsonFields(type: protobuf.Type, value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
    const inner = value[field.name];
    if (inner === undefined || inner === null) continue;
    field.resolve();
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    const convert = (element: unknown) => (nested ? jsonFields(nested, element as Record<string, unknown>) : element);
    if (field.map) {
      result[jsonName(field)] = Object.fromEntries(Object.entries(inner as object).map(([key, element]) => [key, convert(element)]));
    } else if (field.repeated) {
      result[jsonName(field)] = (inner as unknown[]).map(convert);
    } else {
      result[jsonName(field)] = convert(inner);
    }
  }
  return result;
}

/**
 * Read P4Info in any of the three formats (p4c's, ours, a controller's);
 * malformed input is a value. Text and JSON may hold fields newer than our
 * protos when `allowUnknownFields` is set.
 */
export function parseP4Info(contents: string | Uint8Array, format: P4InfoFormat, options: { allowUnknownFields?: boolean } = {}): DecodeResult<P4InfoObject> {
  if (format === 'binary') {
    return typeof contents === 'string' ? { ok: false, error: 'binary P4Info must be bytes' } : decodeP4Info(contents);
  }
  const text = typeof contents === 'string' ? contents : new TextDecoder().decode(contents);
  if (format === 'text') return parseText<P4InfoObject>('p4.config.v1.P4Info', text, options);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `P4Info JSON: ${(error as Error).message}` };
  }
  const type = messageType('p4.config.v1.P4Info');
  const fields = fromJsonFields(type, json, options.allowUnknownFields ?? false, 'P4Info');
  if (typeof fields === 'string') return { ok: false, error: `P4Info JSON: ${fields}` };
  try {
    return { ok: true, value: type.toObject(type.fromObject(fields), CONVERSION) as P4InfoObject };
  } catch (error) {
    return { ok: false, error: `P4Info JSON: ${(error as Error).message}` };
  }
}

/** JSON-mapping names (or proto names, which the mapping also accepts) back to proto field names. */
function fromJsonFields(type: protobuf.Type, value: unknown, allowUnknown: boolean, path: string): Record<string, unknown> | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${path} must be an object`;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const field = type.fieldsArray.find((candidate) => jsonName(candidate) === key || candidate.name === key);
    if (!field) {
      if (allowUnknown) continue;
      return `${path} has no field '${key}'`;
    }
    field.resolve();
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    const convert = (element: unknown, at: string) => (nested ? fromJsonFields(nested, element, allowUnknown, at) : element);
    if (field.map) {
      if (inner === null || typeof inner !== 'object') return `${path}.${key} must be an object`;
      const entries: Record<string, unknown> = {};
      for (const [mapKey, element] of Object.entries(inner as object)) {
        const converted = convert(element, `${path}.${key}[${mapKey}]`);
        if (typeof converted === 'string' && nested) return converted;
        entries[mapKey] = converted;
      }
      result[field.name] = entries;
    } else if (field.repeated) {
      if (!Array.isArray(inner)) return `${path}.${key} must be a list`;
      const list: unknown[] = [];
      for (const [index, element] of inner.entries()) {
        const converted = convert(element, `${path}.${key}[${index}]`);
        if (typeof converted === 'string' && nested) return converted;
        list.push(converted);
      }
      result[field.name] = list;
    } else {
      const converted = convert(inner, `${path}.${key}`);
      if (typeof converted === 'string' && nested) return converted;
      result[field.name] = converted;
    }
  }
  return result;
}
