// Ids of match fields, action parameters and packet-metadata fields
// (P4Runtime spec, P4Info: unique within their table/action/header).
// p4c's FieldIdAllocator: @id values are taken first; the others get the
// smallest free id not below a counter that advances once per field in
// declaration order, so a field with @id still "uses up" one position.

import type { Diagnostics } from '../diagnostics.js';
import type { IrAnnotation, IrType } from '../ir.js';
import { idAnnotation } from './annotations.js';
import { translationOfType } from './translations.js';
import type { TypeSpecConverter } from './typespec.js';
import type { NamedType } from './types.js';

export function allocateFieldIds(fields: { annotations: IrAnnotation[] }[], diagnostics: Diagnostics): number[] {
  const ids: (number | undefined)[] = fields.map(() => undefined);
  const taken = new Set<number>();
  fields.forEach((field, position) => {
    const explicit = idAnnotation(field.annotations);
    if (explicit.invalid) diagnostics.error(explicit.invalid.loc, '@id must be an unsigned integer');
    if (explicit.value === undefined) return;
    const annotation = field.annotations.find((candidate) => candidate.name === 'id')!;
    if (explicit.value <= 0n || explicit.value > 0xffffffffn) {
      diagnostics.error(annotation.loc, `${explicit.value} is not a valid @id value`);
      return;
    }
    const id = Number(explicit.value);
    if (taken.has(id)) diagnostics.error(annotation.loc, `@id ${id} is used multiple times`);
    taken.add(id);
    ids[position] = id;
  });
  let next = 1;
  return ids.map((id) => {
    if (id !== undefined) {
      next++;
      return id;
    }
    while (taken.has(next)) next++;
    taken.add(next);
    return next;
  });
}

/** Width and type name of a control-plane value (match field, parameter, metadata). */
export function valueShape(type: IrType, converter: TypeSpecConverter): { bitwidth?: number; type_name?: NamedType } {
  // Converting records named types (`type`, serializable enums) in type_info.
  converter.convert(type);
  switch (type.kind) {
    case 'bit': {
      if (type.newTypeName === undefined) return { bitwidth: type.width };
      // P4Runtime spec, user-defined types: a translated type has the controller's width (none for strings), as p4c's getTypeWidth.
      const translation = translationOfType(type);
      const width = translation ? (translation.sdnString ? 0 : translation.sdnBitwidth) : type.width;
      return width ? { bitwidth: width, type_name: { name: type.newTypeName } } : { type_name: { name: type.newTypeName } };
    }
    case 'bool':
      return { bitwidth: 1 };
    case 'enum':
      // Plain enums have no width on the wire; they are named instead.
      return type.underlying ? { bitwidth: type.underlying.width } : { type_name: { name: type.name } };
    case 'error':
      return {};
    default:
      return {};
  }
}
