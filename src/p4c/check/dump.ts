// A stable textual form of the IR for golden tests and traces: P4-like syntax
// with every implicit cast visible, slots as `$n`, callees resolved.

import type { IrCall, IrExpr, IrKeyset, IrProgram, IrStatement, IrType, Value } from '../ir.js';
import { typeToString } from '../ir.js';

export function formatValue(value: Value): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `{${value.map(formatValue).join(', ')}}`;
  if (typeof value === 'object' && value !== null) {
    if ('valid' in value) return `${value.valid ? 'valid' : 'invalid'}{${value.fields.map(formatValue).join(', ')}}`;
    if ('nextIndex' in value) return `stack{${value.elements.map(formatValue).join(', ')}}`;
    return `varbit<${value.width}>(${value.value})`;
  }
  return String(value);
}

function formatConst(type: IrType, value: Value): string {
  if (type.kind === 'enum' && !type.underlying && typeof value === 'number') return `${type.name}.${type.members[value]}`;
  return `${formatValue(value)}:${typeToString(type)}`;
}

export function formatExpr(program: IrProgram, expr: IrExpr): string {
  const format = (inner: IrExpr): string => formatExpr(program, inner);
  switch (expr.kind) {
    case 'const':
      if (expr.type.kind === 'error' && typeof expr.value === 'number') return `error.${program.errors[expr.value]}`;
      return formatConst(expr.type, expr.value);
    case 'var':
      return `${expr.name}$${expr.slot}`;
    case 'field':
      return `${format(expr.base)}.${expr.name}`;
    case 'stackElement':
      return `${format(expr.base)}[${format(expr.index)}]`;
    case 'stackNext':
      return `${format(expr.base)}.next`;
    case 'stackLast':
      return `${format(expr.base)}.last`;
    case 'stackLastIndex':
      return `${format(expr.base)}.lastIndex`;
    case 'slice':
      return `${format(expr.base)}[${expr.hi}:${expr.lo}]`;
    case 'unary':
      return `${expr.op}(${format(expr.operand)})`;
    case 'binary':
      return `${expr.op}(${format(expr.left)}, ${format(expr.right)}):${typeToString(expr.type)}`;
    case 'cast':
      return `(${typeToString(expr.type)})(${format(expr.operand)})`;
    case 'mux':
      return `(${format(expr.cond)} ? ${format(expr.then)} : ${format(expr.else)})`;
    case 'list':
      return `{${expr.elements.map(format).join(', ')}}`;
    case 'structInit':
      return `${typeToString(expr.type)}{${expr.fields.map(format).join(', ')}}`;
    case 'invalid':
      return `{#}:${typeToString(expr.type)}`;
    case 'isValid':
      return `${format(expr.base)}.isValid()`;
    case 'tableHit':
      return `${program.tables[expr.table].controlPlaneName}.apply().${expr.miss ? 'miss' : 'hit'}`;
    case 'call':
      return formatCall(program, expr.call);
  }
}

export function formatCall(program: IrProgram, call: IrCall): string {
  const args = call.args.map((arg) => (arg.value ? formatExpr(program, arg.value) : '_')).join(', ');
  const callee = call.callee;
  switch (callee.kind) {
    case 'action':
      return `action ${program.actions[callee.action].controlPlaneName}(${args})`;
    case 'function':
      return `function ${program.functions[callee.function].name}(${args})`;
    case 'externMethod': {
      const target = callee.target.kind === 'instance' ? program.instances[callee.target.instance].controlPlaneName : `${callee.target.name}$${callee.target.slot}`;
      const typeArgs = callee.typeArgs.length ? `<${callee.typeArgs.map(typeToString).join(', ')}>` : '';
      return `${target}.${callee.externType}::${callee.method}#${callee.overload}${typeArgs}(${args})`;
    }
    case 'externFunction': {
      const typeArgs = callee.typeArgs.length ? `<${callee.typeArgs.map(typeToString).join(', ')}>` : '';
      return `extern ${callee.name}#${callee.overload}${typeArgs}(${args})`;
    }
    case 'setValid':
    case 'setInvalid':
      return `${formatExpr(program, callee.base)}.${callee.kind}()`;
    case 'pushFront':
    case 'popFront':
      return `${formatExpr(program, callee.base)}.${callee.kind}(${callee.count})`;
    case 'tableApply':
      return `${program.tables[callee.table].controlPlaneName}.apply()`;
    case 'parserApply':
      return `parser ${program.parsers[callee.parser].controlPlaneName}.apply(${args})`;
    case 'controlApply':
      return `control ${program.controls[callee.control].controlPlaneName}.apply(${args})`;
  }
}

export function formatStatements(program: IrProgram, statements: IrStatement[], indent = '  '): string[] {
  const lines: string[] = [];
  for (const statement of statements) {
    switch (statement.kind) {
      case 'assign':
        lines.push(`${indent}${formatExpr(program, statement.target)} = ${formatExpr(program, statement.value)};`);
        break;
      case 'call':
        lines.push(`${indent}${formatCall(program, statement.call)};`);
        break;
      case 'declare':
        lines.push(`${indent}${typeToString(statement.type)} ${statement.name}$${statement.slot}${statement.init ? ` = ${formatExpr(program, statement.init)}` : ''};`);
        break;
      case 'if':
        lines.push(`${indent}if (${formatExpr(program, statement.cond)}) {`, ...formatStatements(program, statement.then, indent + '  '));
        if (statement.else.length) lines.push(`${indent}} else {`, ...formatStatements(program, statement.else, indent + '  '));
        lines.push(`${indent}}`);
        break;
      case 'switch':
        lines.push(`${indent}switch (${formatExpr(program, statement.expr)}) {`);
        for (const switchCase of statement.cases) {
          const labels = [...switchCase.values.map(formatValue), ...(switchCase.isDefault ? ['default'] : [])].join(', ');
          lines.push(`${indent}  ${labels}:`, ...formatStatements(program, switchCase.body, indent + '    '));
        }
        lines.push(`${indent}}`);
        break;
      case 'switchActionRun':
        lines.push(`${indent}switch (${program.tables[statement.table].controlPlaneName}.apply().action_run) {`);
        for (const switchCase of statement.cases) {
          const labels = [...switchCase.actions.map((action) => program.actions[action].controlPlaneName), ...(switchCase.isDefault ? ['default'] : [])].join(', ');
          lines.push(`${indent}  ${labels}:`, ...formatStatements(program, switchCase.body, indent + '    '));
        }
        lines.push(`${indent}}`);
        break;
      case 'block':
        lines.push(`${indent}{`, ...formatStatements(program, statement.body, indent + '  '), `${indent}}`);
        break;
      case 'exit':
        lines.push(`${indent}exit;`);
        break;
      case 'return':
        lines.push(`${indent}return${statement.value ? ' ' + formatExpr(program, statement.value) : ''};`);
        break;
      case 'for':
        lines.push(`${indent}for {`, ...formatStatements(program, statement.init, indent + '  '));
        lines.push(`${indent}} while (${formatExpr(program, statement.cond)}) {`, ...formatStatements(program, statement.body, indent + '  '));
        lines.push(`${indent}} then {`, ...formatStatements(program, statement.update, indent + '  '), `${indent}}`);
        break;
      case 'forIn': {
        const collection = statement.range
          ? `${formatExpr(program, statement.range.low)} .. ${formatExpr(program, statement.range.high)}`
          : `{${(statement.elements ?? []).map((element) => formatExpr(program, element)).join(', ')}}`;
        lines.push(`${indent}for (${typeToString(statement.type)} ${statement.name}$${statement.slot} in ${collection}) {`);
        lines.push(...formatStatements(program, statement.body, indent + '  '), `${indent}}`);
        break;
      }
      case 'break':
      case 'continue':
        lines.push(`${indent}${statement.kind};`);
        break;
    }
  }
  return lines;
}

function formatKeyset(program: IrProgram, keyset: IrKeyset): string {
  switch (keyset.kind) {
    case 'value':
      return formatValue(keyset.value);
    case 'mask':
      return `${formatValue(keyset.value)} &&& ${formatValue(keyset.mask)}`;
    case 'range':
      return `${formatValue(keyset.low)} .. ${formatValue(keyset.high)}`;
    case 'default':
      return 'default';
    case 'valueSet':
      return `value_set ${program.valueSets[keyset.valueSet].controlPlaneName}`;
  }
}

/** The whole program as text: blocks, actions, tables and instances. */
export function dumpProgram(program: IrProgram): string {
  const lines: string[] = [];
  for (const instance of program.instances) {
    const args = instance.args.map((arg) => `${arg.name}=${formatConst(arg.type, arg.value)}`).join(', ');
    const typeArgs = instance.typeArgs.length ? `<${instance.typeArgs.map(typeToString).join(', ')}>` : '';
    lines.push(`instance ${instance.controlPlaneName}: ${instance.externType}${typeArgs}(${args})`);
  }
  for (const set of program.valueSets) lines.push(`value_set ${set.controlPlaneName}: ${typeToString(set.elementType)} width=${set.width} size=${set.size}`);
  for (const action of program.actions) {
    const params = action.params.map((param) => `${param.direction === 'none' ? '' : param.direction + ' '}${typeToString(param.type)} ${param.name}$${param.slot}`).join(', ');
    lines.push(`action ${action.controlPlaneName}(${params}) {`, ...formatStatements(program, action.body), '}');
  }
  for (const fn of program.functions) {
    const params = fn.params.map((param) => `${param.direction} ${typeToString(param.type)} ${param.name}$${param.slot}`).join(', ');
    lines.push(`function ${typeToString(fn.returnType)} ${fn.name}(${params}) {`, ...formatStatements(program, fn.body), '}');
  }
  for (const table of program.tables) {
    lines.push(`table ${table.controlPlaneName} {`);
    for (const key of table.keys) lines.push(`  key ${key.name}: ${key.matchKind} width=${key.width} = ${formatExpr(program, key.expr)}`);
    for (const ref of table.actions) lines.push(`  action ${program.actions[ref.action].controlPlaneName} scope=${ref.scope}${ref.boundArgs.length ? ` bound=(${ref.boundArgs.map((arg) => (arg.value ? formatExpr(program, arg.value) : '_')).join(', ')})` : ''}`);
    const defaultAction = program.actions[table.defaultAction.action];
    lines.push(`  default ${table.defaultAction.isConst ? 'const ' : ''}${defaultAction?.controlPlaneName ?? '?'}(${table.defaultAction.args.map(formatValue).join(', ')})`);
    if (table.size !== undefined) lines.push(`  size ${table.size}`);
    if (table.implementation !== undefined) lines.push(`  implementation ${program.instances[table.implementation].controlPlaneName}`);
    for (const counter of table.directCounters) lines.push(`  counters ${program.instances[counter].controlPlaneName}`);
    for (const meter of table.directMeters) lines.push(`  meters ${program.instances[meter].controlPlaneName}`);
    if (table.supportTimeout) lines.push('  support_timeout');
    for (const entry of table.entries?.entries ?? []) {
      const keys = entry.keysets.map((keyset) => formatKeyset(program, keyset)).join(', ');
      const action = program.actions[entry.action.action];
      lines.push(`  entry ${entry.isConst ? 'const ' : ''}${entry.priority !== undefined ? `priority=${entry.priority} ` : ''}(${keys}) -> ${action?.controlPlaneName ?? '?'}(${entry.action.args.map(formatValue).join(', ')})`);
    }
    lines.push('}');
  }
  for (const parser of program.parsers) {
    lines.push(`parser ${parser.controlPlaneName}(${parser.params.map((param) => `${param.direction} ${typeToString(param.type)} ${param.name}$${param.slot}`).join(', ')}) {`);
    lines.push(...formatStatements(program, parser.localInits));
    for (const state of parser.states) {
      lines.push(`  state ${state.name} {`, ...formatStatements(program, state.statements, '    '));
      const transition = state.transition;
      if (transition.kind === 'direct') lines.push(`    transition ${transition.nextName};`);
      else {
        lines.push(`    transition select(${transition.exprs.map((expr) => formatExpr(program, expr)).join(', ')}) {`);
        for (const selectCase of transition.cases) lines.push(`      (${selectCase.keysets.map((keyset) => formatKeyset(program, keyset)).join(', ')}): ${selectCase.nextName};`);
        lines.push('    }');
      }
      lines.push('  }');
    }
    lines.push('}');
  }
  for (const control of program.controls) {
    lines.push(`control ${control.controlPlaneName}(${control.params.map((param) => `${param.direction} ${typeToString(param.type)} ${param.name}$${param.slot}`).join(', ')}) {`);
    lines.push(...formatStatements(program, control.localInits), ...formatStatements(program, control.body), '}');
  }
  for (const pkg of program.packages) {
    lines.push(`package ${pkg.name}: ${pkg.typeName}<${pkg.typeArgs.map(typeToString).join(', ')}>(${pkg.args.map((arg) => `${arg.param}=${arg.kind}#${arg.index}`).join(', ')})`);
  }
  for (const digest of program.digests) lines.push(`digest ${digest.name}: ${typeToString(digest.type)}`);
  if (program.controllerHeaders.packetIn) lines.push(`controller_header packet_in: ${program.controllerHeaders.packetIn.name}`);
  if (program.controllerHeaders.packetOut) lines.push(`controller_header packet_out: ${program.controllerHeaders.packetOut.name}`);
  return lines.join('\n') + '\n';
}
