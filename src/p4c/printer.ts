import type {
  Annotation, AnnotationToken, BlockStatement, Declaration, EnumDecl, Expr, FunctionPrototype, HeaderDecl,
  HeaderUnionDecl, Keyset, Parameter, ParserState, Program, Statement, StructDecl, TableProperty, TypeRef,
} from './ast.js';

// Pretty-printer: turns an AST back into P4_16 source that parses to an equal
// tree (locations aside). Parentheses are inserted from the precedence table
// of spec §8, so the printed text never relies on the source's own parentheses.

const INDENT = '    ';

export function printProgram(program: Program): string {
  return program.declarations.map((declaration) => printDeclaration(declaration, 0)).join('\n\n') + '\n';
}

function pad(level: number): string {
  return INDENT.repeat(level);
}

// ------------------------------------------------------------- annotations

function printAnnotations(annotations: Annotation[]): string {
  return annotations.map((annotation) => printAnnotation(annotation) + ' ').join('');
}

export function printAnnotation(annotation: Annotation): string {
  const body = annotation.body;
  switch (body.kind) {
    case 'empty':
      return `@${annotation.name}`;
    case 'unstructured':
      // A pragma body with unbalanced parentheses cannot be written as `@name(...)`.
      if (!balanced(body.tokens)) return `@pragma ${annotation.name} ${printAnnotationTokens(body.tokens)}\n`;
      return `@${annotation.name}(${printAnnotationTokens(body.tokens)})`;
    case 'expressionList':
      return `@${annotation.name}[${body.exprs.map((expr) => printExpr(expr)).join(', ')}]`;
    case 'kvList':
      return `@${annotation.name}[${body.pairs.map((pair) => `${pair.key} = ${printExpr(pair.value)}`).join(', ')}]`;
  }
}

function balanced(tokens: AnnotationToken[]): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (token.kind !== 'punct') continue;
    if (token.text === '(') depth++;
    else if (token.text === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Space-separated, except adjacent `>` `>` which must stay a shift operator. */
function printAnnotationTokens(tokens: AnnotationToken[]): string {
  let text = '';
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    if (previous && !(previous.text === '>' && token.text === '>' && previous.kind === 'punct' && token.kind === 'punct')) text += ' ';
    text += token.kind === 'string' ? `"${token.text}"` : token.text;
  });
  return text;
}

// ------------------------------------------------------------------- types

export function printType(type: TypeRef): string {
  switch (type.kind) {
    case 'BaseType':
      if (type.width === undefined) return type.name;
      return `${type.name}<${type.width.kind === 'IntLiteral' ? type.width.text : `(${printExpr(type.width)})`}>`;
    case 'NamedType':
      return (type.global ? '.' : '') + type.name;
    case 'SpecializedType':
      return `${printType(type.base)}<${type.args.map(printType).join(', ')}>`;
    case 'HeaderStackType':
      return `${printType(type.element)}[${printExpr(type.size)}]`;
    case 'TupleType':
      return `tuple<${type.elements.map(printType).join(', ')}>`;
    case 'ListType':
      return `list<${printType(type.element)}>`;
    case 'DontCareType':
      return '_';
    case 'VoidType':
      return 'void';
  }
}

// ------------------------------------------------------------- expressions

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '|': 5, '^': 6, '&': 7,
  '<<': 8, '>>': 8, '++': 9, '+': 9, '-': 9, '|+|': 9, '|-|': 9, '*': 10, '/': 10, '%': 10,
};
const PREFIX_PRECEDENCE = 11;
const POSTFIX_PRECEDENCE = 12;

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case 'Ternary':
      return 0;
    case 'Binary':
      return BINARY_PRECEDENCE[expr.op];
    case 'Unary':
    case 'Cast':
      return PREFIX_PRECEDENCE;
    default:
      return POSTFIX_PRECEDENCE;
  }
}

/** Prints `expr`, parenthesized when it binds looser than `minimum`. */
export function printExpr(expr: Expr, minimum = 0): string {
  const text = printExprBare(expr);
  return precedenceOf(expr) < minimum ? `(${text})` : text;
}

function printExprBare(expr: Expr): string {
  switch (expr.kind) {
    case 'IntLiteral':
      return expr.text;
    case 'BoolLiteral':
      return expr.value ? 'true' : 'false';
    case 'StringLiteral':
      return `"${expr.value}"`;
    case 'Path':
      return (expr.global ? '.' : '') + expr.name;
    case 'Member':
      return `${printExpr(expr.expr, POSTFIX_PRECEDENCE)}.${expr.member}`;
    case 'Index':
      return `${printExpr(expr.expr, POSTFIX_PRECEDENCE)}[${printExpr(expr.index)}]`;
    case 'Slice':
      return `${printExpr(expr.expr, POSTFIX_PRECEDENCE)}[${printExpr(expr.hi)}:${printExpr(expr.lo)}]`;
    case 'PlusSlice':
      return `${printExpr(expr.expr, POSTFIX_PRECEDENCE)}[${printExpr(expr.lo)} +: ${printExpr(expr.width)}]`;
    case 'Call': {
      const typeArgs = expr.typeArgs.length > 0 ? `<${expr.typeArgs.map(printType).join(', ')}>` : '';
      return `${printExpr(expr.callee, POSTFIX_PRECEDENCE)}${typeArgs}(${expr.args.map(printArgument).join(', ')})`;
    }
    case 'Unary': {
      const operand = printExpr(expr.expr, PREFIX_PRECEDENCE);
      // `- -x`, not `--x`; `+ +x`, not `++x` (a different token).
      const space = (expr.op === '-' || expr.op === '+') && (operand.startsWith('-') || operand.startsWith('+'));
      return expr.op + (space ? ' ' : '') + operand;
    }
    case 'Binary': {
      const precedence = BINARY_PRECEDENCE[expr.op];
      // A comparison under a comparison is parenthesized: `a < b > (c)` would read as `a<b>(c)`.
      const leftMinimum = precedence === 4 && precedenceOf(expr.left) === 4 ? precedence + 1 : precedence;
      return `${printExpr(expr.left, leftMinimum)} ${expr.op} ${printExpr(expr.right, precedence + 1)}`;
    }
    case 'Ternary':
      return `${printExpr(expr.cond, 1)} ? ${printExpr(expr.then)} : ${printExpr(expr.else)}`;
    case 'Cast':
      return `(${printType(expr.type)})${printExpr(expr.expr, PREFIX_PRECEDENCE)}`;
    case 'List': {
      if (expr.bare) return '...';
      const items = expr.elements.map((element) => printExpr(element));
      if (expr.dots) items.push('...');
      return `{${items.join(', ')}}`;
    }
    case 'StructExpr': {
      const items = expr.fields.map((field) => `${field.name} = ${printExpr(field.value)}`);
      if (expr.dots) items.push('...');
      return `{${items.join(', ')}}`;
    }
    case 'Invalid':
      return '{#}';
    case 'DontCare':
      return '_';
    case 'TypeName':
      return printType(expr.type);
  }
}

function printArgument(argument: { name?: string; value: Expr }): string {
  return (argument.name !== undefined ? `${argument.name} = ` : '') + printExpr(argument.value);
}

export function printKeyset(keyset: Keyset): string {
  switch (keyset.kind) {
    case 'KeysetExpr':
      return printExpr(keyset.expr);
    case 'Mask':
      return `${printExpr(keyset.value)} &&& ${printExpr(keyset.mask)}`;
    case 'Range':
      return `${printExpr(keyset.lo)} .. ${printExpr(keyset.hi)}`;
    case 'Default':
      return 'default';
    case 'DontCareKey':
      return '_';
    case 'Tuple':
      return `(${keyset.elements.map(printKeyset).join(', ')})`;
  }
}

// -------------------------------------------------------------- statements

/** The statement's text; its first line is not indented, later lines are relative to `level`. */
export function printStatement(statement: Statement, level: number): string {
  switch (statement.kind) {
    case 'Assignment':
      return `${printAnnotations(statement.annotations)}${printExpr(statement.left)} ${statement.op ?? ''}= ${printExpr(statement.right)};`;
    case 'MethodCallStatement':
      return `${printAnnotations(statement.annotations)}${printExpr(statement.call)};`;
    case 'Empty':
      return ';';
    case 'Block':
      return printBlock(statement, level);
    case 'If': {
      const head = `if (${printExpr(statement.cond)}) ${printStatement(statement.then, level)}`;
      return statement.else ? `${head} else ${printStatement(statement.else, level)}` : head;
    }
    case 'Switch': {
      const cases = statement.cases.map((switchCase) => {
        const label = 'kind' in switchCase.label && switchCase.label.kind === 'Default' ? 'default' : printExpr(switchCase.label as Expr, 1);
        const body = switchCase.body ? ' ' + printBlock(switchCase.body, level + 1) : '';
        return `${pad(level + 1)}${label}:${body}\n`;
      });
      return `switch (${printExpr(statement.expr)}) {\n${cases.join('')}${pad(level)}}`;
    }
    case 'Exit':
      return 'exit;';
    case 'Return':
      return statement.value ? `return ${printExpr(statement.value)};` : 'return;';
    case 'ConstantDeclaration':
    case 'VariableDeclaration':
    case 'Instantiation':
      return printDeclaration(statement, level);
    case 'For': {
      const init = statement.init.map((item) => withoutSemicolon(printStatement(item, level))).join(', ');
      const update = statement.update.map((item) => withoutSemicolon(printStatement(item, level))).join(', ');
      const head = `for (${init}; ${printExpr(statement.cond)}; ${update})`;
      return `${printAnnotations(statement.annotations)}${head} ${printStatement(statement.body, level)}`;
    }
    case 'ForIn': {
      const collection = statement.collection.kind === 'Range'
        ? `${printExpr(statement.collection.lo)} .. ${printExpr(statement.collection.hi)}`
        : printExpr(statement.collection.expr);
      const variable = `${printAnnotations(statement.variableAnnotations)}${printType(statement.type)} ${statement.name}`;
      return `${printAnnotations(statement.annotations)}for (${variable} in ${collection}) ${printStatement(statement.body, level)}`;
    }
    case 'Break':
      return 'break;';
    case 'Continue':
      return 'continue;';
  }
}

/** `for` headers hold statements without their `;` (spec v1.2.5 §12.15 grammar). */
function withoutSemicolon(text: string): string {
  return text.endsWith(';') ? text.slice(0, -1) : text;
}

function printBlock(block: BlockStatement, level: number): string {
  const inner = block.statements.map((statement) => `${pad(level + 1)}${printStatement(statement, level + 1)}\n`).join('');
  if (inner === '') return `${printAnnotations(block.annotations)}{ }`;
  return `${printAnnotations(block.annotations)}{\n${inner}${pad(level)}}`;
}

// ------------------------------------------------------------ declarations

function printParameters(params: Parameter[]): string {
  const printed = params.map((param) => {
    const direction = param.direction === 'none' ? '' : `${param.direction} `;
    const defaultValue = param.defaultValue ? ` = ${printExpr(param.defaultValue)}` : '';
    return `${printAnnotations(param.annotations)}${direction}${printType(param.type)} ${param.name}${defaultValue}`;
  });
  return `(${printed.join(', ')})`;
}

function printTypeParameters(names: string[]): string {
  return names.length > 0 ? `<${names.join(', ')}>` : '';
}

function printPrototype(prototype: FunctionPrototype): string {
  const returnType = prototype.returnType ? `${printType(prototype.returnType)} ` : '';
  return `${returnType}${prototype.name}${printTypeParameters(prototype.typeParams)}${printParameters(prototype.params)}`;
}

/** Items of a `{ ... }` body, one per line at `level + 1`, then the closing brace. */
function printBody(items: string[], level: number): string {
  if (items.length === 0) return '{ }';
  return `{\n${items.map((item) => `${pad(level + 1)}${item}\n`).join('')}${pad(level)}}`;
}

function printFields(declaration: HeaderDecl | HeaderUnionDecl | StructDecl, level: number): string {
  const keyword = declaration.kind === 'HeaderDecl' ? 'header' : declaration.kind === 'StructDecl' ? 'struct' : 'header_union';
  const fields = declaration.fields.map((field) => `${printAnnotations(field.annotations)}${printType(field.type)} ${field.name};`);
  return `${printAnnotations(declaration.annotations)}${keyword} ${declaration.name}${printTypeParameters(declaration.typeParams)} ${printBody(fields, level)}`;
}

function printEnum(declaration: EnumDecl, level: number): string {
  const underlying = declaration.underlyingType ? `${printType(declaration.underlyingType)} ` : '';
  const members = declaration.members.map((member) => {
    const value = member.value ? ` = ${printExpr(member.value)}` : '';
    return `${printAnnotations(member.annotations)}${member.name}${value},`;
  });
  return `${printAnnotations(declaration.annotations)}enum ${underlying}${declaration.name} ${printBody(members, level)}`;
}

export function printDeclaration(declaration: Declaration, level: number): string {
  const annotations = 'annotations' in declaration ? printAnnotations(declaration.annotations) : '';
  switch (declaration.kind) {
    case 'ConstantDeclaration':
      return `${annotations}const ${printType(declaration.type)} ${declaration.name} = ${printExpr(declaration.value)};`;
    case 'VariableDeclaration': {
      const init = declaration.init ? ` = ${printExpr(declaration.init)}` : '';
      return `${annotations}${printType(declaration.type)} ${declaration.name}${init};`;
    }
    case 'Instantiation': {
      const head = `${annotations}${printType(declaration.type)}(${declaration.args.map(printArgument).join(', ')}) ${declaration.name}`;
      if (!declaration.initializer) return `${head};`;
      const items = declaration.initializer.map((item) => printDeclaration(item, level + 1));
      return `${head} = ${printBody(items, level)};`;
    }
    case 'HeaderDecl':
    case 'HeaderUnionDecl':
    case 'StructDecl':
      return printFields(declaration, level);
    case 'EnumDecl':
      return printEnum(declaration, level);
    case 'ErrorDecl':
    case 'MatchKindDecl': {
      const keyword = declaration.kind === 'ErrorDecl' ? 'error' : 'match_kind';
      return `${keyword} {\n${declaration.members.map((member) => `${pad(level + 1)}${member.name}`).join(',\n')}\n${pad(level)}}`;
    }
    case 'TypedefDecl': {
      const keyword = declaration.isNewType ? 'type' : 'typedef';
      const type = declaration.type;
      const printed = type.kind === 'EnumDecl' ? printEnum(type, level)
        : type.kind === 'HeaderDecl' || type.kind === 'HeaderUnionDecl' || type.kind === 'StructDecl' ? printFields(type, level)
          : printType(type);
      return `${annotations}${keyword} ${printed} ${declaration.name};`;
    }
    case 'ExternObjectDecl': {
      const methods = declaration.methods.map((method) =>
        `${printAnnotations(method.annotations)}${method.isAbstract ? 'abstract ' : ''}${printPrototype(method)};`);
      return `${annotations}extern ${declaration.name}${printTypeParameters(declaration.typeParams)} ${printBody(methods, level)}`;
    }
    case 'ExternFunctionDecl':
      return `${annotations}extern ${printAnnotations(declaration.prototype.annotations)}${printPrototype(declaration.prototype)};`;
    case 'ParserTypeDecl':
    case 'ControlTypeDecl':
    case 'PackageTypeDecl': {
      const keyword = declaration.kind === 'ParserTypeDecl' ? 'parser' : declaration.kind === 'ControlTypeDecl' ? 'control' : 'package';
      return `${annotations}${keyword} ${declaration.name}${printTypeParameters(declaration.typeParams)}${printParameters(declaration.params)};`;
    }
    case 'ParserDecl': {
      const head = `${annotations}parser ${declaration.name}${printTypeParameters(declaration.typeParams)}${printParameters(declaration.params)}`;
      const ctor = declaration.ctorParams.length > 0 ? printParameters(declaration.ctorParams) : '';
      const items = [
        ...declaration.locals.map((local) => printDeclaration(local, level + 1)),
        ...declaration.states.map((state) => printState(state, level + 1)),
      ];
      return `${head}${ctor} ${printBody(items, level)}`;
    }
    case 'ControlDecl': {
      const head = `${annotations}control ${declaration.name}${printTypeParameters(declaration.typeParams)}${printParameters(declaration.params)}`;
      const ctor = declaration.ctorParams.length > 0 ? printParameters(declaration.ctorParams) : '';
      const items = [
        ...declaration.locals.map((local) => printDeclaration(local, level + 1)),
        `apply ${printBlock(declaration.body, level + 1)}`,
      ];
      return `${head}${ctor} ${printBody(items, level)}`;
    }
    case 'ActionDecl':
      return `${annotations}action ${declaration.name}${printParameters(declaration.params)} ${printBlock(declaration.body, level)}`;
    case 'FunctionDecl':
      return `${printAnnotations(declaration.prototype.annotations)}${printPrototype(declaration.prototype)} ${printBlock(declaration.body, level)}`;
    case 'TableDecl': {
      const properties = declaration.properties.map((property) => printTableProperty(property, level + 1));
      return `${annotations}table ${declaration.name} ${printBody(properties, level)}`;
    }
    case 'ValueSetDecl':
      return `${annotations}value_set<${printType(declaration.elementType)}>(${printExpr(declaration.size)}) ${declaration.name};`;
  }
}

function printState(state: ParserState, level: number): string {
  const items = state.statements.map((statement) => printStatement(statement, level + 1));
  const transition = state.transition;
  if (transition?.kind === 'Direct') items.push(`transition ${transition.state};`);
  else if (transition) {
    const cases = transition.cases.map((selectCase) => `${printKeyset(selectCase.keyset)}: ${selectCase.state};`);
    items.push(`transition select(${transition.exprs.map((expr) => printExpr(expr)).join(', ')}) ${printBody(cases, level + 1)}`);
  }
  return `${printAnnotations(state.annotations)}state ${state.name} ${printBody(items, level)}`;
}

function printTableProperty(property: TableProperty, level: number): string {
  const annotations = printAnnotations(property.annotations);
  switch (property.kind) {
    case 'Key': {
      const elements = property.elements.map((element) => {
        const trailing = element.annotations.map((annotation) => ' ' + printAnnotation(annotation)).join('');
        return `${printExpr(element.expr)}: ${element.matchKind}${trailing};`;
      });
      return `${annotations}key = ${printBody(elements, level)}`;
    }
    case 'Actions': {
      const actions = property.actions.map((action) => `${printAnnotations(action.annotations)}${printExpr(action.expr)};`);
      return `${annotations}actions = ${printBody(actions, level)}`;
    }
    case 'Entries': {
      const entries = property.entries.map((entry) => {
        const prefix = (entry.isConst ? 'const ' : '') + (entry.priority ? `priority = ${printExpr(entry.priority)}: ` : '');
        const trailing = entry.annotations.map((annotation) => ' ' + printAnnotation(annotation)).join('');
        return `${prefix}${printKeyset(entry.keyset)}: ${printExpr(entry.action.expr)}${trailing};`;
      });
      return `${annotations}${property.isConst ? 'const ' : ''}entries = ${printBody(entries, level)}`;
    }
    case 'Value':
      return `${annotations}${property.isConst ? 'const ' : ''}${property.name} = ${printExpr(property.value)};`;
  }
}
