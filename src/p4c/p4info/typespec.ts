// P4 types as P4Info P4DataTypeSpec (P4Runtime spec, P4Info type
// specifications). Named types (struct, header, header_union, enum,
// serializable enum, `type`) are referred to by name; their definitions are
// collected once into P4TypeInfo, as p4c's TypeSpecConverter does.

import type { IrBitType, IrField, IrType } from '../ir.js';
import { annotationFields, localName } from './annotations.js';
import { newTypeAnnotations, translationOf } from './translations.js';
import type { BitstringLikeTypeSpec, DataTypeSpec, NewTypeSpec, TypeInfo } from './types.js';

/** Big-endian bytes of `value` in ceil(width/8) bytes, two's complement for negatives (P4Runtime spec, "Bytestrings"). */
export function valueBytes(value: bigint, width: number): Uint8Array {
  const length = Math.max(1, Math.ceil(width / 8));
  let unsigned = BigInt.asUintN(Math.max(width, 1), value);
  const bytes = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(unsigned & 0xffn);
    unsigned >>= 8n;
  }
  return bytes;
}

export interface TypeSpecResult {
  spec?: DataTypeSpec;
  /** Why the type has no P4Runtime representation (reported by the caller). */
  unsupported?: string;
}

/** Collects named type definitions while converting types. */
export class TypeSpecConverter {
  readonly info: TypeInfo = {};

  /** `errors`: the program's error members, listed in type_info once `error` is used. */
  constructor(private readonly errors: readonly string[] = []) {}

  convert(type: IrType): TypeSpecResult {
    switch (type.kind) {
      case 'bit':
        if (type.newTypeName !== undefined) {
          this.addNewType(type.newTypeName, type);
          return { spec: { new_type: { name: type.newTypeName } } };
        }
        return { spec: { bitstring: bitstringOf(type.width, type.signed) } };
      case 'varbit':
        return { spec: { bitstring: { varbit: { max_bitwidth: type.maxWidth } } } };
      case 'bool':
        return { spec: { bool: {} } };
      case 'error':
        this.info.error ??= { members: [...this.errors] };
        return { spec: { error: {} } };
      case 'tuple': {
        const members: DataTypeSpec[] = [];
        for (const element of type.elements) {
          const converted = this.convert(element);
          if (!converted.spec) return converted;
          members.push(converted.spec);
        }
        return { spec: { tuple: { members } } };
      }
      case 'struct':
        return this.convertStruct(type.name, type.fields);
      case 'header': {
        if (!this.info.headers?.[type.name]) {
          const members = [];
          for (const field of type.fields) {
            const converted = this.convert(field.type);
            // Headers only hold bit<W>, int<W> and varbit<W> (P4_16 spec, header types);
            // a `type` over bit<W> is described by its bits.
            const bitstring = field.type.kind === 'bit' ? bitstringOf(field.type.width, field.type.signed) : converted.spec?.bitstring;
            if (!bitstring) return { unsupported: `header ${type.name} field ${field.name} is not a bit string` };
            members.push({ name: localName(field.name, field.annotations), type_spec: bitstring });
          }
          (this.info.headers ??= {})[type.name] = members.length > 0 ? { members } : {};
        }
        return { spec: { header: { name: type.name } } };
      }
      case 'union': {
        if (!this.info.header_unions?.[type.name]) {
          const members = type.fields.map((field) => {
            this.convert(field.type);
            return { name: localName(field.name, field.annotations), header: { name: field.type.kind === 'header' ? field.type.name : '' } };
          });
          (this.info.header_unions ??= {})[type.name] = members.length > 0 ? { members } : {};
        }
        return { spec: { header_union: { name: type.name } } };
      }
      case 'stack': {
        this.convert(type.element);
        if (type.element.kind === 'header') {
          return { spec: { header_stack: { header: { name: type.element.name }, size: type.size } } };
        }
        return { spec: { header_union_stack: { header_union: { name: type.element.name }, size: type.size } } };
      }
      case 'enum':
        if (type.underlying && type.values) {
          if (!this.info.serializable_enums?.[type.name]) {
            const width = type.underlying.width;
            const values = type.values;
            (this.info.serializable_enums ??= {})[type.name] = {
              underlying_type: { bitwidth: width },
              members: type.members.map((name, index) => ({ name, value: valueBytes(BigInt(values[index]), width) })),
            };
          }
          return { spec: { serializable_enum: { name: type.name } } };
        }
        if (!this.info.enums?.[type.name]) {
          (this.info.enums ??= {})[type.name] = { members: type.members.map((name) => ({ name })) };
        }
        return { spec: { enum: { name: type.name } } };
      default:
        return { unsupported: `type ${type.kind} has no P4Runtime representation` };
    }
  }

  private convertStruct(name: string, fields: IrField[]): TypeSpecResult {
    if (!this.info.structs?.[name]) {
      // Reserve the name first so a recursive reference cannot loop.
      const structs = (this.info.structs ??= {});
      structs[name] = {};
      const members = [];
      for (const field of fields) {
        const converted = this.convert(field.type);
        if (!converted.spec) {
          delete structs[name];
          return converted;
        }
        members.push({ name: localName(field.name, field.annotations), type_spec: converted.spec });
      }
      if (members.length > 0) structs[name] = { members };
    }
    return { spec: { struct: { name } } };
  }

  /**
   * P4Runtime spec, user-defined types: a translated `type` is described by its URI and
   * controller width (or `sdn_string`), any other by the bits it stands for.
   */
  private addNewType(name: string, type: IrBitType): void {
    const newTypes = (this.info.new_types ??= {});
    if (newTypes[name]) return;
    const annotations = type.newTypeAnnotations ?? [];
    const translation = translationOf(annotations);
    const spec: NewTypeSpec = translation
      ? { translated_type: translation.sdnString ? { uri: translation.uri, sdn_string: {} } : { uri: translation.uri, sdn_bitwidth: translation.sdnBitwidth } }
      : { original_type: { bitstring: bitstringOf(type.width, type.signed) } };
    newTypes[name] = { ...spec, ...annotationFields(newTypeAnnotations(annotations)) };
  }
}

function bitstringOf(width: number, signed: boolean): BitstringLikeTypeSpec {
  return signed ? { int: { bitwidth: width } } : { bit: { bitwidth: width } };
}
