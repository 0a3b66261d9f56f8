// Control instances (spec §14): parameters, constants, variables, instances,
// actions, tables and functions declared inside, then the apply body. Every
// control-plane entity gets its name prefixed with the instance's name.

import type { ControlDecl } from '../ast.js';
import type { IrControl } from '../ir.js';
import { checkBlockParams, checkParameterDefaults, declareParams, lowerAction, lowerFunction } from './actions.js';
import { type BodyContext, childContext, declarationWord, error, FrameBuilder, Scope, type Checker } from './context.js';
import { constructorScope, instantiateLocal, type ConstructorBindings } from './instances.js';
import { lowerAnnotations } from './resolve.js';
import { declareConstant, declareVariable, lowerStatements } from './statements.js';
import { lowerTable } from './tables.js';

export function lowerControlInstance(checker: Checker, decl: ControlDecl, name: string, constructorArgs: ConstructorBindings): number {
  const program = checker.program;
  const index = program.controls.length;
  const frame = new FrameBuilder();
  const scope = constructorScope(checker, constructorArgs);
  const context: BodyContext = { checker, scope, frame, kind: 'control', control: index, prefix: name };
  const control: IrControl = {
    index,
    typeName: decl.name,
    controlPlaneName: name,
    params: [],
    frame: frame.frame,
    localInits: [],
    body: [],
    annotations: lowerAnnotations(decl.annotations),
    loc: decl.loc,
  };
  program.controls.push(control);
  if (decl.typeParams.length) error(context, decl.loc, `${decl.name}: generic controls are not supported`);
  control.params = declareParams(context, decl.params, frame, scope, decl.name);
  checkBlockParams(context, control.params, decl.name);
  for (const local of decl.locals) {
    if (checker.diagnostics.saturated()) break;
    switch (local.kind) {
      case 'ConstantDeclaration':
        declareConstant(context, local);
        break;
      case 'VariableDeclaration':
        control.localInits.push(...declareVariable(context, local));
        break;
      case 'Instantiation':
        instantiateLocal(context, local);
        break;
      case 'ActionDecl':
        checkParameterDefaults(checker, local.params);
        lowerAction(context, local, index);
        break;
      case 'TableDecl':
        lowerTable(context, local);
        break;
      case 'FunctionDecl':
        checkParameterDefaults(checker, local.prototype.params, local.prototype.typeParams);
        lowerFunction(context, local, index);
        break;
      default:
        error(context, local.loc, `${declarationWord(local.kind)} declarations are not allowed in a control`);
    }
  }
  // The apply block is a block statement: its declarations may shadow control locals.
  control.body = lowerStatements(childContext(context), decl.body.statements);
  return index;
}

