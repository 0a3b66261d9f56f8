// `type` declarations (P4_16 spec, "Introducing new types") as P4Info sees
// them: with @p4runtime_translation("uri", W) or ("uri", string) the control
// plane uses a different representation, which P4Info describes as a
// translated type and whose width replaces the P4 width (P4Runtime spec,
// "Translation of port numbers" and user-defined types). The IR keeps only the
// new type's name, so the annotations are read from the AST.

import type { Annotation, Declaration, Program } from '../ast.js';
import type { IrAnnotation } from '../ir.js';
import { lowerAstAnnotation } from './package.js';

export interface NewTypeInfo {
  annotations: IrAnnotation[];
  translation?: { uri: string; sdnBitwidth?: number; sdnString?: boolean };
}

/** @p4runtime_translation("uri", 32) / ("uri", string); undefined when malformed. */
function translation(annotation: Annotation): NewTypeInfo['translation'] {
  if (annotation.body.kind !== 'unstructured') return undefined;
  const tokens = annotation.body.tokens;
  if (tokens.length !== 3 || tokens[0].kind !== 'string' || tokens[1].text !== ',') return undefined;
  const uri = tokens[0].text;
  if (tokens[2].text === 'string') return { uri, sdnString: true };
  if (tokens[2].kind === 'int' && /^\d+$/.test(tokens[2].text)) return { uri, sdnBitwidth: Number(tokens[2].text) };
  return undefined;
}

/** Every `type` declaration of the program by name (top level and inside parsers/controls are not allowed). */
export function newTypes(ast: Program | undefined): Map<string, NewTypeInfo> {
  const found = new Map<string, NewTypeInfo>();
  const visit = (declarations: Declaration[]) => {
    for (const declaration of declarations) {
      if (declaration.kind !== 'TypedefDecl' || !declaration.isNewType) continue;
      const translated = declaration.annotations.find((annotation) => annotation.name === 'p4runtime_translation');
      found.set(declaration.name, {
        annotations: declaration.annotations.filter((annotation) => annotation.name !== 'p4runtime_translation').map(lowerAstAnnotation),
        translation: translated ? translation(translated) : undefined,
      });
    }
  };
  visit(ast?.declarations ?? []);
  return found;
}
