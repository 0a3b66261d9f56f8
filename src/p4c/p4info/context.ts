// What every part of the emitter needs: the program, the diagnostics sink,
// the ids, the type_info being built, and the caller's options.

import type { Diagnostics } from '../diagnostics.js';
import type { IrAnnotation, IrProgram } from '../ir.js';
import { annotationFields, documentation } from './annotations.js';
import type { ResourceType, SymbolTable } from './ids.js';
import type { TypeSpecConverter } from './typespec.js';
import type { PackageSource } from './package.js';
import type { Preamble } from './types.js';

export interface EmitOptions extends PackageSource {
  /** pkg_info.arch; p4c writes the architecture it compiled for. */
  arch?: string;
  /**
   * Write Table.initial_default_action (P4Runtime v1.4) for every table, as
   * p4c has done since 2024. On by default; `false` gives the output of older
   * p4c releases (before the field existed).
   */
  initialDefaultAction?: boolean;
}

export interface Context {
  program: IrProgram;
  diagnostics: Diagnostics;
  symbols: SymbolTable;
  types: TypeSpecConverter;
  options: EmitOptions;
}

/**
 * id, name, alias, annotations and doc of an object. Controller packet
 * metadata shows the @controller_header name but is identified by its type.
 */
export function preamble(context: Context, type: ResourceType, name: string, annotations: IrAnnotation[], shownName = name): Preamble {
  const result: Preamble = { id: context.symbols.id(type, name), name: shownName, alias: type === 'controllerHeader' ? shownName : context.symbols.alias(name) };
  return { ...result, ...annotationFields(annotations), ...documentation(annotations) };
}
