// pkg_info (P4Runtime spec, "PkgInfo"): the architecture, plus what the
// program says about itself with annotations on the `main` instantiation:
// @pkginfo(name=..., version=..., organization=..., contact=..., url=...),
// @platform_property(multicast_group_table_size=..., ...), @brief and
// @description. The IR does not keep annotations of package instances, so
// they are read from the AST when the caller passes it.

import type { Annotation, AnnotationToken, Expr, Program } from '../ast.js';
import type { IrAnnotation, IrProgram } from '../ir.js';
import { annotationFields, documentation } from './annotations.js';
import type { PkgInfo, PlatformProperties } from './types.js';

export interface PackageSource {
  /** The parsed program, for the annotations on `main`. */
  ast?: Program;
}

const PKGINFO_KEYS = ['name', 'version', 'organization', 'contact', 'url', 'arch'] as const;
const PLATFORM_KEYS = ['multicast_group_table_size', 'multicast_group_table_total_replicas', 'multicast_group_table_max_replicas_per_entry'] as const;

function literal(expr: Expr): string | bigint | boolean | undefined {
  if (expr.kind === 'StringLiteral') return expr.value;
  if (expr.kind === 'IntLiteral') return expr.value;
  if (expr.kind === 'BoolLiteral') return expr.value;
  return undefined;
}

const KEY_VALUE_ANNOTATIONS = new Set(['pkginfo', 'platform_property']);

/** `k = "v" , k2 = 10` as raw tokens. */
function tokenPairs(tokens: AnnotationToken[]): Record<string, string | bigint> {
  const pairs: Record<string, string | bigint> = {};
  for (let i = 0; i + 2 < tokens.length; i += 4) {
    const [key, equals, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (equals.text !== '=') break;
    if (value.kind === 'string') pairs[key.text] = value.text;
    else if (value.kind === 'int' && /^(\d+|0[xX][0-9a-fA-F]+)$/.test(value.text)) pairs[key.text] = BigInt(value.text);
    if (i + 3 < tokens.length && tokens[i + 3].text !== ',') break;
  }
  return pairs;
}

/** Just enough lowering of AST annotations for what the IR does not keep (main, `type` declarations). */
export function lowerAstAnnotation(annotation: Annotation): IrAnnotation {
  const result: IrAnnotation = { name: annotation.name, text: '', loc: annotation.loc };
  const body = annotation.body;
  if (body.kind === 'unstructured') {
    result.text = body.tokens.map((token) => token.text).join(' ');
    const values = body.exprs?.map(literal);
    if (values && values.every((value) => value !== undefined)) result.args = values as (string | bigint | boolean)[];
    // p4c reads @pkginfo(k = v, ...) and @platform_property(k = v, ...) as key-value lists.
    if (KEY_VALUE_ANNOTATIONS.has(annotation.name)) result.pairs = tokenPairs(body.tokens);
  } else if (body.kind === 'expressionList') {
    const values = body.exprs.map(literal);
    if (values.every((value) => value !== undefined)) result.args = values as (string | bigint | boolean)[];
  } else if (body.kind === 'kvList') {
    result.pairs = {};
    for (const pair of body.pairs) {
      const value = literal(pair.value);
      if (value !== undefined) result.pairs[pair.key] = value;
    }
  }
  return result;
}

function mainAnnotations(program: IrProgram, ast: Program | undefined): IrAnnotation[] {
  const mainName = program.main !== undefined ? program.packages[program.main]?.name : 'main';
  for (const declaration of ast?.declarations ?? []) {
    if (declaration.kind === 'Instantiation' && declaration.name === mainName) return declaration.annotations.map(lowerAstAnnotation);
  }
  return [];
}

export function emitPackageInfo(program: IrProgram, source: PackageSource, arch: string): PkgInfo {
  const annotations = mainAnnotations(program, source.ast);
  const info: PkgInfo = { arch };
  for (const annotation of annotations) {
    if (annotation.name === 'pkginfo') {
      for (const key of PKGINFO_KEYS) {
        const value = annotation.pairs?.[key];
        if (typeof value === 'string') info[key] = value;
      }
    } else if (annotation.name === 'platform_property') {
      const properties: PlatformProperties = {};
      for (const key of PLATFORM_KEYS) {
        const value = annotation.pairs?.[key];
        if (typeof value === 'bigint') properties[key] = Number(value);
      }
      info.platform_properties = properties;
    }
  }
  return { ...info, ...annotationFields(annotations, ['pkginfo', 'platform_property']), ...documentation(annotations) };
}
