// `type` declarations (P4_16 spec §7.6, "Introducing new types") as P4Info
// sees them: with @p4runtime_translation("uri", W) or ("uri", string) the
// control plane uses a different representation, which P4Info describes as a
// translated type whose width replaces the P4 width (P4Runtime spec,
// "Translation of port numbers" and user-defined types). The checker keeps the
// annotations of the innermost `type` declaration on the IR bit type
// (`newTypeAnnotations`), so this works from the IR alone: every caller of the
// emitter gets the same answer, with or without the AST.

import type { IrAnnotation, IrType } from '../ir.js';

export interface Translation {
  uri: string;
  /** The controller's width (P4Runtime `sdn_bitwidth`). */
  sdnBitwidth?: number;
  /** Translated to a string (`sdn_string`): no width on the controller side. */
  sdnString?: boolean;
}

const TRANSLATION = 'p4runtime_translation';

/** `string` is a keyword, not a literal, so `("uri", string)` has no evaluated args; its text is `uri , string`. */
const STRING_SUFFIX = ' , string';

/** @p4runtime_translation("uri", 32) / ("uri", string); undefined when absent or malformed. */
export function translationOf(annotations: readonly IrAnnotation[]): Translation | undefined {
  const annotation = annotations.find((candidate) => candidate.name === TRANSLATION);
  if (!annotation) return undefined;
  const args = annotation.args;
  if (args) {
    const [uri, width] = args;
    if (args.length !== 2 || typeof uri !== 'string' || typeof width !== 'bigint' || width < 0n) return undefined;
    return { uri, sdnBitwidth: Number(width) };
  }
  if (annotation.text.endsWith(STRING_SUFFIX)) return { uri: annotation.text.slice(0, -STRING_SUFFIX.length), sdnString: true };
  return undefined;
}

/** The annotations of a `type` that P4Info copies into `new_types` (the translation is represented as translated_type). */
export function newTypeAnnotations(annotations: readonly IrAnnotation[]): IrAnnotation[] {
  return annotations.filter((annotation) => annotation.name !== TRANSLATION);
}

/** The translation of a value's type when it is a translated `type` over bit<W>. */
export function translationOfType(type: IrType): Translation | undefined {
  return type.kind === 'bit' && type.newTypeName !== undefined ? translationOf(type.newTypeAnnotations ?? []) : undefined;
}
