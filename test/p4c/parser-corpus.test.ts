import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/p4c/ast.js';
import { Diagnostics, formatDiagnostic } from '../../src/p4c/diagnostics.js';
import { parseText } from '../../src/p4c/parser.js';
import { printProgram } from '../../src/p4c/printer.js';

// Every corpus program parses without diagnostics and survives
// parse → print → parse unchanged (locations aside); together the corpus must
// exercise every grammar feature listed below.

const corpusDirectory = fileURLToPath(new URL('./corpus/', import.meta.url));
const corpusFiles = readdirSync(corpusDirectory).filter((name) => name.endsWith('.p4')).sort();

/** JSON without locations; bigints as strings. */
function withoutLocations(program: Program): string {
  return JSON.stringify(program, (key, value) => (key === 'loc' ? undefined : typeof value === 'bigint' ? `${value}n` : value));
}

function parseFile(name: string): { program: Program; diagnostics: string[] } {
  const diagnostics = new Diagnostics();
  const program = parseText(readFileSync(join(corpusDirectory, name), 'utf8'), name, diagnostics);
  return { program, diagnostics: diagnostics.items.map(formatDiagnostic) };
}

describe('corpus', () => {
  it('has programs', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of corpusFiles) {
    it(`${name}: parses cleanly and round-trips through the printer`, () => {
      const { program, diagnostics } = parseFile(name);
      expect(diagnostics).toEqual([]);
      expect(program.declarations.length).toBeGreaterThan(0);
      const printed = printProgram(program);
      const reparsedDiagnostics = new Diagnostics();
      const reparsed = parseText(printed, `printed-${name}`, reparsedDiagnostics);
      expect(reparsedDiagnostics.items.map(formatDiagnostic)).toEqual([]);
      expect(withoutLocations(reparsed)).toEqual(withoutLocations(program));
      // Printing is a fixed point after one round.
      expect(printProgram(reparsed)).toBe(printed);
    });
  }
});

/** Feature names found in a tree: node kinds plus flags that mark grammar variants. */
function features(node: unknown, found: Set<string>, parentKey = ''): void {
  if (Array.isArray(node)) {
    for (const item of node) features(item, found, parentKey);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.kind === 'string') {
    found.add(record.kind);
    if (record.kind === 'Binary' || record.kind === 'Unary') found.add(`${record.kind}:${String(record.op)}`);
    if (record.kind === 'Call' && Array.isArray(record.typeArgs) && record.typeArgs.length > 0) found.add('Call:typeArgs');
    if (record.kind === 'Path' && record.global) found.add('Path:global');
    if (record.kind === 'NamedType' && record.global) found.add('NamedType:global');
    if ((record.kind === 'List' || record.kind === 'StructExpr') && record.dots) found.add(`${record.kind}:dots`);
    if (record.kind === 'Argument' && record.name !== undefined) found.add('Argument:named');
    if (record.kind === 'Entries' && record.isConst) found.add('Entries:const');
    if (record.kind === 'Value' && record.isConst) found.add('Value:const');
    if (record.kind === 'TypedefDecl') found.add(record.isNewType ? 'TypedefDecl:type' : 'TypedefDecl:typedef');
    if (record.kind === 'EnumDecl' && record.underlyingType) found.add('EnumDecl:serializable');
    if (record.kind === 'Instantiation' && record.initializer) found.add('Instantiation:initializer');
    if ((record.kind === 'ParserDecl' || record.kind === 'ControlDecl') && Array.isArray(record.ctorParams) && record.ctorParams.length > 0) found.add(`${record.kind}:ctorParams`);
    if (record.kind === 'Return' && record.value) found.add('Return:value');
    if (record.kind === 'If' && record.else) found.add('If:else');
    if (record.kind === 'Assignment' && record.op) found.add(`Assignment:${String(record.op)}=`);
    if (record.kind === 'Annotation') found.add(`Annotation:${(record.body as { kind: string }).kind}`);
  }
  if (parentKey === 'entries' && record.priority) found.add('TableEntry:priority');
  if (parentKey === 'entries' && record.isConst === true && record.keyset) found.add('TableEntry:const');
  if (parentKey === 'methods' && record.isAbstract) found.add('Method:abstract');
  if (parentKey === 'methods' && record.returnType === undefined) found.add('Method:constructor');
  if (parentKey === 'methods' && Array.isArray(record.typeParams) && record.typeParams.length > 0) found.add('Method:generic');
  if (parentKey === 'cases' && 'label' in record && record.body === undefined) found.add('SwitchCase:fallThrough');
  if (parentKey === 'params' && record.defaultValue) found.add('Parameter:default');
  if (parentKey === 'params' && typeof record.direction === 'string') found.add(`Parameter:${record.direction}`);
  if (record.kind === 'unstructured' && record.exprs) found.add('Annotation:unstructuredExprs');
  if (record.kind === 'unstructured' && !record.exprs) found.add('Annotation:unstructuredTokensOnly');
  for (const [key, value] of Object.entries(record)) if (key !== 'loc') features(value, found, key);
}

const REQUIRED_FEATURES = [
  // declarations
  'HeaderDecl', 'HeaderUnionDecl', 'StructDecl', 'EnumDecl', 'EnumDecl:serializable', 'ErrorDecl', 'MatchKindDecl',
  'TypedefDecl:typedef', 'TypedefDecl:type', 'ExternObjectDecl', 'ExternFunctionDecl', 'ParserTypeDecl',
  'ControlTypeDecl', 'PackageTypeDecl', 'ParserDecl', 'ParserDecl:ctorParams', 'ControlDecl', 'ControlDecl:ctorParams',
  'ActionDecl', 'TableDecl', 'FunctionDecl', 'ValueSetDecl', 'ConstantDeclaration', 'VariableDeclaration',
  'Instantiation', 'Instantiation:initializer', 'Method:abstract', 'Method:constructor', 'Method:generic',
  'Parameter:in', 'Parameter:out', 'Parameter:inout', 'Parameter:none', 'Parameter:default',
  // parsers
  'Select', 'Direct', 'KeysetExpr', 'Mask', 'Range', 'Default', 'DontCareKey', 'Tuple',
  // tables
  'Key', 'Actions', 'Entries', 'Entries:const', 'Value', 'Value:const', 'TableEntry:priority', 'TableEntry:const',
  // statements
  'Assignment', 'MethodCallStatement', 'Empty', 'Block', 'If', 'If:else', 'Switch', 'SwitchCase:fallThrough', 'Exit',
  'Return', 'Return:value', 'For', 'ForIn', 'Break', 'Continue',
  ...['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>', '|+|', '|-|'].map((op) => `Assignment:${op}=`),
  // expressions
  'IntLiteral', 'BoolLiteral', 'StringLiteral', 'Path', 'Path:global', 'Member', 'Index', 'Slice', 'PlusSlice', 'Call',
  'Call:typeArgs', 'Argument:named', 'DontCare', 'Ternary', 'Cast', 'List', 'List:dots', 'StructExpr', 'StructExpr:dots',
  'Invalid', 'TypeName',
  'Unary:!', 'Unary:~', 'Unary:-', 'Unary:+',
  ...['*', '/', '%', '+', '-', '|+|', '|-|', '<<', '>>', '<=', '>=', '<', '>', '==', '!=', '&', '^', '|', '++', '&&', '||']
    .map((op) => `Binary:${op}`),
  // types
  'BaseType', 'NamedType', 'NamedType:global', 'SpecializedType', 'HeaderStackType', 'TupleType', 'DontCareType', 'VoidType',
  // annotations
  'Annotation:empty', 'Annotation:unstructured', 'Annotation:expressionList', 'Annotation:kvList',
  'Annotation:unstructuredExprs', 'Annotation:unstructuredTokensOnly',
];

describe('corpus coverage', () => {
  it('exercises every grammar feature', () => {
    const found = new Set<string>();
    for (const name of corpusFiles) features(parseFile(name).program, found);
    expect(REQUIRED_FEATURES.filter((feature) => !found.has(feature))).toEqual([]);
  });
});
