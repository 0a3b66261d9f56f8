// The closure compiler for one loaded program: owns the frames, the packet
// state and the caches, and wires statements, calls, tables, externs and
// parsers together (they only know the Compiler interface).

import type { IrCall, IrFrame, IrProgram, IrStatement, Value } from '../../p4c/ir.js';
import { compileCall } from './calls.js';
import { newPacketState, NORMAL, RETURN, type BindProblem, type Compiler, type Frame, type Run } from './context.js';
import { compileExternCall } from './externs.js';
import { compileParserBody } from './parser.js';
import type { Runtime } from './runtime.js';
import { compileStatementList } from './statements.js';
import { compileTableApply, makeActionRunner } from './tables.js';
import { defaultValue } from './values.js';

function allocate(frame: IrFrame | undefined): Frame {
  return frame ? frame.slots.map((slot) => defaultValue(slot.type)) : [];
}

/** Runs a control instance's local initializations and body; `exit` is reported as EXIT, `return` ends it normally. */
export function compileControlBody(compiler: Compiler, controlIndex: number): Run {
  const control = compiler.program.controls[controlIndex];
  const frame = compiler.frameOfControl(controlIndex);
  const inits = compiler.compileStatements(control.localInits, frame);
  const body = compiler.compileStatements(control.body, frame);
  return () => {
    inits();
    const status = body();
    return status === RETURN ? NORMAL : status;
  };
}

export class ProgramCompiler implements Compiler {
  readonly state = newPacketState();
  readonly problems: BindProblem[] = [];
  readonly errors: Compiler['errors'];
  private readonly controlFrames: Frame[];
  private readonly parserFrames: Frame[];
  private readonly actionFrames = new Map<number, Frame>();
  private readonly functionFrames = new Map<number, Frame>();
  private readonly runners = new Map<number, (params: readonly Value[]) => number>();
  private readonly tableApplies = new Map<number, Run>();

  constructor(
    readonly program: IrProgram,
    readonly runtime: Runtime,
  ) {
    const errorIndex = (name: string) => {
      const index = program.errors.indexOf(name);
      if (index < 0) this.problems.push({ message: `core error ${name} is not declared` });
      return Math.max(0, index);
    };
    this.errors = {
      NoError: errorIndex('NoError'),
      PacketTooShort: errorIndex('PacketTooShort'),
      NoMatch: errorIndex('NoMatch'),
      StackOutOfBounds: errorIndex('StackOutOfBounds'),
      HeaderTooShort: errorIndex('HeaderTooShort'),
      ParserTimeout: errorIndex('ParserTimeout'),
      ParserInvalidArgument: errorIndex('ParserInvalidArgument'),
    };
    this.controlFrames = program.controls.map((c) => allocate(c.frame));
    this.parserFrames = program.parsers.map((p) => allocate(p.frame));
  }

  frameOfControl(index: number): Frame {
    return this.controlFrames[index];
  }

  frameOfParser(index: number): Frame {
    return this.parserFrames[index];
  }

  frameOfAction(index: number): Frame {
    const action = this.program.actions[index];
    if (!action.frame && action.control !== undefined) return this.controlFrames[action.control];
    let frame = this.actionFrames.get(index);
    if (!frame) this.actionFrames.set(index, (frame = allocate(action.frame)));
    return frame;
  }

  frameOfFunction(index: number): Frame {
    const fn = this.program.functions[index];
    if (!fn.frame && fn.control !== undefined) return this.controlFrames[fn.control];
    let frame = this.functionFrames.get(index);
    if (!frame) this.functionFrames.set(index, (frame = allocate(fn.frame)));
    return frame;
  }

  compileStatements(statements: readonly IrStatement[], frame: Frame): Run {
    return compileStatementList(this, statements, frame);
  }

  compileCall(call: IrCall, frame: Frame): Run {
    return compileCall(this, call, frame, {
      tableApply: (_compiler, table) => this.tableApply(table),
      externCall: compileExternCall,
      parserBody: compileParserBody,
      controlBody: compileControlBody,
    });
  }

  /** One compiled apply per table, shared by every apply site. */
  private tableApply(tableIndex: number): Run {
    let apply = this.tableApplies.get(tableIndex);
    if (!apply) this.tableApplies.set(tableIndex, (apply = compileTableApply(this, tableIndex)));
    return apply;
  }

  actionRunner(actionIndex: number): (params: readonly Value[]) => number {
    let runner = this.runners.get(actionIndex);
    if (!runner) this.runners.set(actionIndex, (runner = makeActionRunner(this, actionIndex)));
    return runner;
  }
}
