// STF runner: executes statements in order against an StfTarget and checks the
// outputs the way p4c's BMv2 driver does (bmv2stf.py checkOutputs):
// expectations are per port and in order; after the last statement each port
// named by a `packet` or `expect` line must have received exactly as many
// packets as it has expectations (such a port with no expectation must receive
// none; output to ports never named is not observed, as the driver opens no
// interface for them), unless a bare `expect PORT` accepts anything on it. Control-plane rejections and parse errors are
// failures too. The report ends with the line "N passed, M failed".

import type { StfActionCall, StfFile, StfStatement } from './ast.js';
import { comparePacket, formatPattern, packetHex } from './compare.js';
import { parseStf } from './parser.js';
import type { StfCounterValue, StfReplica, StfTarget } from './target.js';
import type { Result } from '../../packet/bytes.js';

export interface StfFailure {
  /** Line of the statement; 0 for the file itself; Number.MAX_SAFE_INTEGER for end-of-test checks (printed "end"). */
  line: number;
  message: string;
  expected?: string;
  got?: string;
}

export interface StfReport {
  passed: number;
  failed: number;
  failures: StfFailure[];
  /** Non-fatal remarks (as the driver only logs them). */
  warnings: string[];
  /** Every packet received, per port, in order. */
  received: Map<number, Uint8Array[]>;
  /** Human-readable report; last line "N passed, M failed". */
  text: string;
}

type Expectation = Extract<StfStatement, { kind: 'expect' }>;
type AddStatement = Extract<StfStatement, { kind: 'add' }>;

/** Packet replication engine state in BMv2 CLI terms: node handles are allocated 0, 1, 2 ... */
interface ReplicationState {
  groups: Map<number, number[]>;
  nodes: Map<number, { replicationId: number; ports: number[] }>;
  nextNode: number;
}

export interface StfRunOptions {
  /**
   * Also fail on packets sent to ports no `packet`/`expect` line names. Off by
   * default, as in bmv2stf.py (it never opens those interfaces); project tests
   * that want stray output caught turn it on.
   */
  strictPorts?: boolean;
}

export async function runStf(input: string | StfFile, target: StfTarget, options: StfRunOptions = {}): Promise<StfReport> {
  const file = typeof input === 'string' ? parseStf(input) : input;
  const failures: StfFailure[] = file.errors.map((error) => ({ line: error.line, message: `parse error: ${error.message}` }));
  const warnings: string[] = [];
  let passed = 0;
  const received = new Map<number, Uint8Array[]>();
  const expectations = new Map<number, Expectation[]>();
  const anyOnPort = new Set<number>();
  // bmv2stf.py opens (and so checks) only the interfaces named by a `packet` or `expect` line.
  const namedPorts = new Set<number>();
  const handles = new Map<string, AddStatement>();
  const replication: ReplicationState = { groups: new Map(), nodes: new Map(), nextNode: 0 };
  let lastPacketOutputs = 0;

  const collect = async (): Promise<number> => {
    const outputs = await target.collectOutputs();
    for (const output of outputs) {
      const list = received.get(output.port) ?? [];
      list.push(output.data);
      received.set(output.port, list);
    }
    return outputs.length;
  };
  const command = async (statement: StfStatement, result: Result<void> | Promise<Result<void>>) => {
    const outcome = await result;
    if (!outcome.ok) failures.push({ line: statement.line, message: `${statement.kind}: ${outcome.error}` });
  };

  for (const statement of file.statements) {
    switch (statement.kind) {
      case 'add':
        if (statement.handle !== undefined) handles.set(statement.handle, statement);
        await command(statement, target.addEntry(statement.table, statement.keys, statement.action.name, statement.action.args, statement.priority));
        break;
      case 'setdefault':
        await command(statement, target.setDefault(statement.table, statement.action.name, statement.action.args));
        break;
      case 'remove':
        await command(statement, statement.all ? target.removeAllEntries() : target.removeEntry(statement.table, statement.keys, statement.priority));
        break;
      case 'packet':
        namedPorts.add(statement.port);
        await target.packetIn(statement.port, statement.data);
        lastPacketOutputs = await collect();
        break;
      case 'expect':
        namedPorts.add(statement.port);
        if (statement.pattern === undefined) anyOnPort.add(statement.port);
        else expectations.set(statement.port, [...(expectations.get(statement.port) ?? []), statement]);
        break;
      case 'no_packet':
        // The previous `packet` must not have produced any output.
        if (lastPacketOutputs === 0) passed++;
        else failures.push({ line: statement.line, message: `no_packet: the previous packet produced ${lastPacketOutputs} output packet(s)` });
        break;
      case 'wait':
        await target.wait?.();
        // Late outputs still belong to the previous packet for a following no_packet.
        lastPacketOutputs += await collect();
        break;
      case 'check_counter': {
        await collect();
        const outcome = await checkCounter(statement, target, handles);
        if (outcome === undefined) passed++;
        else failures.push({ line: statement.line, message: outcome });
        break;
      }
      case 'mc_mgrp_create':
      case 'mc_node_create':
      case 'mc_node_update':
      case 'mc_node_associate': {
        const error = await replicate(statement, replication, target);
        if (error) failures.push({ line: statement.line, message: `${statement.kind}: ${error}` });
        break;
      }
      case 'mirroring_add':
        await command(statement, target.writeCloneSession(statement.session, { kind: 'port', port: statement.port }));
        break;
      case 'mirroring_add_mc':
        await command(statement, target.writeCloneSession(statement.session, { kind: 'multicast', groupId: statement.group }));
        break;
      case 'mirroring_delete':
        await command(statement, target.deleteCloneSession(statement.session));
        break;
      case 'direct':
        if (target.direct) await command(statement, target.direct(statement.command, statement.args));
        else warnings.push(`line ${statement.line}: ignoring unsupported command ${statement.command}`);
        break;
      default: {
        const unreachable: never = statement;
        throw new Error(`unhandled STF statement ${JSON.stringify(unreachable)}`);
      }
    }
  }
  await target.wait?.();
  await collect();
  if (options.strictPorts) for (const port of received.keys()) namedPorts.add(port);
  passed += checkOutputs(expectations, anyOnPort, namedPorts, received, failures, warnings);
  failures.sort((left, right) => left.line - right.line);
  return { passed, failed: failures.length, failures, warnings, received, text: formatReport(passed, failures, warnings) };
}

function checkOutputs(
  expectations: Map<number, Expectation[]>,
  anyOnPort: Set<number>,
  namedPorts: Set<number>,
  received: Map<number, Uint8Array[]>,
  failures: StfFailure[],
  warnings: string[],
): number {
  let passed = 0;
  const ports = [...namedPorts].sort((left, right) => left - right);
  for (const port of ports) {
    const expected = expectations.get(port) ?? [];
    const got = received.get(port) ?? [];
    if (anyOnPort.has(port)) {
      // bmv2stf: a bare `expect PORT` accepts anything on the port, even alongside patterns.
      if (expected.length > 0) warnings.push(`port ${port} has expectations both with and without packet data; any packets accepted`);
      continue;
    }
    expected.forEach((expectation, index) => {
      const pattern = expectation.pattern!;
      const packet = got[index];
      if (packet === undefined) {
        failures.push({ line: expectation.line, message: `expected packet #${index + 1} on port ${port} not received`, expected: formatPattern(pattern) });
        return;
      }
      const comparison = comparePacket(pattern, packet);
      if (comparison.ok) passed++;
      else failures.push({ line: expectation.line, message: `packet #${index + 1} on port ${port}: ${comparison.message}`, expected: formatPattern(pattern), got: packetHex(packet) });
    });
    for (let index = expected.length; index < got.length; index++) {
      failures.push({ line: Number.MAX_SAFE_INTEGER, message: `unexpected packet #${index + 1} on port ${port} (expected ${expected.length})`, got: packetHex(got[index]) });
    }
  }
  return passed;
}

async function checkCounter(
  statement: Extract<StfStatement, { kind: 'check_counter' }>,
  target: StfTarget,
  handles: Map<string, AddStatement>,
): Promise<string | undefined> {
  let value: Result<StfCounterValue>;
  if (statement.index.kind === 'handle') {
    const entry = handles.get(statement.index.handle);
    if (!entry) return `check_counter: no entry was added with handle "${statement.index.handle}"`;
    value = await target.readCounter(statement.counter, { kind: 'entry', table: entry.table, keys: entry.keys, priority: entry.priority });
  } else {
    value = await target.readCounter(statement.counter, { kind: 'index', index: statement.index.index });
  }
  if (!value.ok) return `check_counter ${statement.counter}: ${value.error}`;
  const types = statement.countType ? [statement.countType] : (['packets', 'bytes'] as const);
  for (const type of types) {
    const actual = value.value[type];
    if (!compare(actual, statement.comparison, statement.expected)) {
      return `check_counter ${statement.counter}: ${type} is ${actual}, expected ${statement.comparison} ${statement.expected}`;
    }
  }
  return undefined;
}

function compare(actual: bigint, comparison: Extract<StfStatement, { kind: 'check_counter' }>['comparison'], expected: bigint): boolean {
  switch (comparison) {
    case '==': return actual === expected;
    case '!=': return actual !== expected;
    case '<': return actual < expected;
    case '<=': return actual <= expected;
    case '>': return actual > expected;
    case '>=': return actual >= expected;
  }
}

async function replicate(
  statement: Extract<StfStatement, { kind: 'mc_mgrp_create' | 'mc_node_create' | 'mc_node_update' | 'mc_node_associate' }>,
  state: ReplicationState,
  target: StfTarget,
): Promise<string | undefined> {
  const replicasOf = (group: number): StfReplica[] =>
    (state.groups.get(group) ?? []).flatMap((handle) => {
      const node = state.nodes.get(handle)!;
      return node.ports.map((port) => ({ egressPort: port, instance: node.replicationId }));
    });
  const write = async (group: number) => {
    const outcome = await target.writeMulticastGroup(group, replicasOf(group));
    return outcome.ok ? undefined : outcome.error;
  };
  switch (statement.kind) {
    case 'mc_mgrp_create':
      if (state.groups.has(statement.group)) return `group ${statement.group} already exists`;
      state.groups.set(statement.group, []);
      return write(statement.group);
    case 'mc_node_create':
      state.nodes.set(state.nextNode++, { replicationId: statement.replicationId, ports: statement.ports });
      return undefined;
    case 'mc_node_update': {
      const node = state.nodes.get(statement.node);
      if (!node) return `no node with handle ${statement.node}`;
      node.ports = statement.ports;
      for (const [group, members] of state.groups) {
        if (members.includes(statement.node)) {
          const error = await write(group);
          if (error) return error;
        }
      }
      return undefined;
    }
    case 'mc_node_associate': {
      const members = state.groups.get(statement.group);
      if (!members) return `no group ${statement.group}`;
      if (!state.nodes.has(statement.node)) return `no node with handle ${statement.node}`;
      if (members.includes(statement.node)) return `node ${statement.node} is already in group ${statement.group}`;
      members.push(statement.node);
      return write(statement.group);
    }
  }
}

export function formatReport(passed: number, failures: StfFailure[], warnings: string[] = []): string {
  const lines: string[] = [];
  for (const failure of failures) {
    const where = failure.line === Number.MAX_SAFE_INTEGER ? 'end' : `line ${failure.line}`;
    lines.push(`FAIL ${where}: ${failure.message}`);
    if (failure.expected !== undefined) lines.push(`  expected: ${failure.expected}`);
    if (failure.got !== undefined) lines.push(`  got:      ${failure.got}`);
  }
  for (const warning of warnings) lines.push(`warning: ${warning}`);
  lines.push(`${passed} passed, ${failures.length} failed`);
  return lines.join('\n');
}

/** The action of an `add` or `setdefault` as text, for logs. */
export function formatActionCall(action: StfActionCall): string {
  return `${action.name}(${action.args.map((arg) => `${arg.name}:${arg.value.text}`).join(', ')})`;
}
