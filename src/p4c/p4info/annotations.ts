// P4 annotations as P4Info carries them (P4Runtime spec, P4Info: annotations
// on P4 entities, and structured annotations). Like p4c, every
// annotation except @name, @id, @brief and @description is copied into the
// entity's `annotations` strings as written in P4 (`@format(IPV4_ADDRESS)`);
// @brief and @description become the `doc` field; `@x[...]` structured
// annotations go to `structured_annotations`.

import type { IrAnnotation } from '../ir.js';
import type { Annotated, Documentation, Expression, StructuredAnnotation } from './types.js';

/** Represented elsewhere in P4Info, never as annotation strings. */
const REPRESENTED_ELSEWHERE = new Set(['name', 'id', 'brief', 'description']);

/**
 * Annotations p4c parses into expressions before printing them (its
 * ParseAnnotations pass); it prints those from the expressions, the rest from
 * the raw tokens joined by single spaces.
 */
const PRINTED_FROM_EXPRESSIONS = new Set(['name', 'noWarn', 'deprecated', 'controller_header', 'brief', 'description', 'priority']);

export function findAnnotation(annotations: IrAnnotation[], name: string): IrAnnotation | undefined {
  return annotations.find((annotation) => annotation.name === name);
}

export function hasAnnotation(annotations: IrAnnotation[], name: string): boolean {
  return findAnnotation(annotations, name) !== undefined;
}

/** `@hidden` objects are left out of P4Info (p4c isHidden). */
export function isHidden(annotations: IrAnnotation[]): boolean {
  return hasAnnotation(annotations, 'hidden');
}

/** The value of `@id(n)`, or undefined; a non-integer @id is reported by the caller. */
export function idAnnotation(annotations: IrAnnotation[]): { value?: bigint; invalid?: IrAnnotation } {
  const annotation = findAnnotation(annotations, 'id');
  if (!annotation) return {};
  const value = annotation.args?.[0];
  return typeof value === 'bigint' && annotation.args!.length === 1 ? { value } : { invalid: annotation };
}

/** The first argument of `@name("x")` when it is a string. */
export function stringArgument(annotations: IrAnnotation[], name: string): string | undefined {
  const value = findAnnotation(annotations, name)?.args?.[0];
  return typeof value === 'string' ? value : undefined;
}

/** A parameter's or field's control-plane name: @name("x") when given, like p4c's controlPlaneName(). */
export function localName(name: string, annotations: IrAnnotation[]): string {
  const given = stringArgument(annotations, 'name');
  if (given === undefined) return name;
  return given.startsWith('.') ? given.slice(1) : given;
}

/** A P4 string literal as written: the front-end keeps escapes as in the source. */
function quote(text: string): string {
  return `"${text}"`;
}

function argumentText(value: string | bigint | boolean): string {
  return typeof value === 'string' ? quote(value) : String(value);
}

/** `@x[k = v]` and `@x[e, ...]`: the front-end leaves `text` empty for both. */
function isStructured(annotation: IrAnnotation): boolean {
  return annotation.pairs !== undefined || (annotation.text === '' && annotation.args !== undefined && annotation.args.length > 0);
}

/** One annotation printed as P4 source, the way p4c writes it into P4Info. */
export function annotationText(annotation: IrAnnotation): string {
  const args = annotation.args;
  if (PRINTED_FROM_EXPRESSIONS.has(annotation.name) && args && args.length > 0) {
    return `@${annotation.name}(${args.map(argumentText).join(', ')})`;
  }
  // p4c prints unparsed bodies token by token, separated by single spaces; our
  // token text drops string quotes, so strings are re-quoted from the values.
  if (args && args.some((value) => typeof value === 'string')) {
    return `@${annotation.name}(${args.map(argumentText).join(' , ')})`;
  }
  return annotation.text.length > 0 ? `@${annotation.name}(${annotation.text})` : `@${annotation.name}`;
}

function structuredExpression(value: string | bigint | boolean): Expression {
  if (typeof value === 'string') return { string_value: value };
  if (typeof value === 'boolean') return { bool_value: value };
  return { int64_value: value.toString() };
}

function structuredAnnotation(annotation: IrAnnotation): StructuredAnnotation {
  const result: StructuredAnnotation = { name: annotation.name };
  const pairs = Object.entries(annotation.pairs ?? {});
  if (pairs.length > 0) {
    result.kv_pair_list = { kv_pairs: pairs.map(([key, value]) => ({ key, value: structuredExpression(value) })) };
  } else if (annotation.args && annotation.args.length > 0) {
    result.expression_list = { expressions: annotation.args.map(structuredExpression) };
  }
  result.source_location = { file: annotation.loc.file, line: annotation.loc.line, column: annotation.loc.col };
  return result;
}

/**
 * The `annotations` / `structured_annotations` fields for an annotated P4Info
 * message. `skip` names further annotations the caller represents itself.
 */
export function annotationFields(annotations: IrAnnotation[], skip: readonly string[] = []): Annotated {
  const strings: string[] = [];
  const structured: StructuredAnnotation[] = [];
  for (const annotation of annotations) {
    if (REPRESENTED_ELSEWHERE.has(annotation.name) || skip.includes(annotation.name)) continue;
    if (isStructured(annotation)) structured.push(structuredAnnotation(annotation));
    else strings.push(annotationText(annotation));
  }
  const fields: Annotated = {};
  if (strings.length > 0) fields.annotations = strings;
  if (structured.length > 0) fields.structured_annotations = structured;
  return fields;
}

/** `doc` from @brief and @description (set only when at least one is present). */
export function documentation(annotations: IrAnnotation[]): { doc?: Documentation } {
  const brief = stringArgument(annotations, 'brief');
  const description = stringArgument(annotations, 'description');
  if (brief === undefined && description === undefined) return {};
  const doc: Documentation = {};
  if (brief !== undefined) doc.brief = brief;
  if (description !== undefined) doc.description = description;
  return { doc };
}
