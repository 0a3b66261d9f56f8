// Program-wide run-time objects of a loaded pipeline: one MatchTable per IR
// table, one object per extern instance (counters, meters, registers, action
// profiles), parser value sets, and the P4Info ids they are addressed by.
// Ids come from the P4Info by control-plane name; without a P4Info they are
// derived as p4c does for uncollided names (prefix byte + name hash).

import type { ActionInvocation, FieldMatch } from '../entries.js';
import type { IrExternInstance, IrProgram, IrTable, IrType, Value } from '../../p4c/ir.js';
import { hashedId, type ResourceType } from '../../p4c/p4info/ids.js';
import { ActionProfile } from '../action-profile.js';
import { CounterArray, type CounterUnit } from '../externs/counter.js';
import { MeterArray, type MeterUnit } from '../externs/meter.js';
import { RegisterArray } from '../externs/register.js';
import { MatchTable, type MatchFieldSpec, type MatchKind } from '../table.js';
import type { BindProblem } from './context.js';
import { xorshift32, type RandomSource } from '../externs/random.js';
import { hashFunction, type CrcConfig, type HashFunction } from '../externs/hash.js';

const STANDARD_METADATA_FIELDS = [
  'ingress_port', 'egress_spec', 'egress_port', 'instance_type', 'packet_length', 'enq_timestamp', 'enq_qdepth',
  'deq_timedelta', 'deq_qdepth', 'ingress_global_timestamp', 'egress_global_timestamp', 'mcast_grp', 'egress_rid',
  'checksum_error', 'parser_error', 'priority',
] as const;

export type StandardMetadataIndex = Record<(typeof STANDARD_METADATA_FIELDS)[number], number>;

/** Field indices of v1model's standard_metadata_t in this program (-1 for a field it lacks). */
export function standardMetadataIndex(program: IrProgram): StandardMetadataIndex {
  const type = program.types.get('standard_metadata_t');
  const fields = type?.kind === 'struct' ? type.fields.map((f) => f.name) : [];
  const index = {} as StandardMetadataIndex;
  for (const name of STANDARD_METADATA_FIELDS) index[name] = fields.indexOf(name);
  return index;
}

/** Name → id maps, one per P4Info resource type. */
export type P4InfoIds = Record<ResourceType, Map<string, number>>;

function emptyIds(): P4InfoIds {
  return {
    action: new Map(),
    table: new Map(),
    valueSet: new Map(),
    controllerHeader: new Map(),
    actionProfile: new Map(),
    counter: new Map(),
    directCounter: new Map(),
    meter: new Map(),
    directMeter: new Map(),
    register: new Map(),
    digest: new Map(),
  };
}

type Loose = Record<string, unknown>;

/** Reads `snake_case` or `camelCase` spellings: protobufjs output depends on its options. */
function pick(object: Loose | undefined, snake: string): unknown {
  if (!object) return undefined;
  if (snake in object) return object[snake];
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return object[camel];
}

/** Extracts name → id maps from a P4Info plain object (either field-name convention). */
export function idsFromP4Info(p4info: Record<string, unknown>): P4InfoIds {
  const ids = emptyIds();
  const lists: [string, ResourceType][] = [
    ['actions', 'action'],
    ['tables', 'table'],
    ['value_sets', 'valueSet'],
    ['controller_packet_metadata', 'controllerHeader'],
    ['action_profiles', 'actionProfile'],
    ['counters', 'counter'],
    ['direct_counters', 'directCounter'],
    ['meters', 'meter'],
    ['direct_meters', 'directMeter'],
    ['registers', 'register'],
    ['digests', 'digest'],
  ];
  for (const [field, type] of lists) {
    const list = pick(p4info, field);
    if (!Array.isArray(list)) continue;
    for (const item of list as Loose[]) {
      const preamble = pick(item, 'preamble') as Loose | undefined;
      const id = Number(pick(preamble, 'id') ?? 0);
      const name = String(pick(preamble, 'name') ?? '');
      if (id && name) ids[type].set(name, id);
    }
  }
  return ids;
}

export interface ExternObject {
  instance: IrExternInstance;
  counter?: CounterArray;
  meter?: MeterArray;
  register?: RegisterArray;
  profile?: ActionProfile;
  /** direct_counter / direct_meter: the table they are attached to. */
  directTable?: number;
  directUnit?: CounterUnit | MeterUnit;
}

function enumMemberName(type: IrType, value: Value): string | undefined {
  if (type.kind === 'enum' && typeof value === 'number') return type.members[value];
  return undefined;
}

function constructorArg(instance: IrExternInstance, ...names: string[]): { type: IrType; value: Value } | undefined {
  for (const name of names) {
    const found = instance.args.find((a) => a.name === name);
    if (found) return found;
  }
  return undefined;
}

function numberArg(instance: IrExternInstance, ...names: string[]): number {
  const arg = constructorArg(instance, ...names);
  return arg ? Number(arg.value) : 0;
}

function counterUnit(name: string | undefined): CounterUnit {
  return name === 'packets' ? 'packets' : name === 'bytes' ? 'bytes' : 'both';
}

const MATCH_KINDS: readonly string[] = ['exact', 'lpm', 'ternary', 'range', 'optional'];

export class Runtime {
  readonly tables: MatchTable[] = [];
  readonly externs: (ExternObject | undefined)[] = [];
  /** Value set index → members (each a list of field matches). */
  readonly valueSets: FieldMatch[][][] = [];
  readonly actionIdToIndex = new Map<number, number>();
  readonly actionIndexToId: number[] = [];
  readonly tableIdToIndex = new Map<number, number>();
  readonly instanceIdToIndex = new Map<number, number>();
  readonly valueSetIdToIndex = new Map<number, number>();
  /** Field index of each standard_metadata field the architecture touches (-1 when absent). */
  readonly standardMetadata: StandardMetadataIndex;
  /** v1model drop port: egress_spec == 511 drops (BMv2 default). */
  dropPort = 511;
  random: RandomSource = xorshift32();
  log: (message: string) => void = () => undefined;
  /** Parameters of crc16_custom / crc32_custom (BMv2: simple_switch_CLI set_crc16_parameters); BMv2 defaults when absent. */
  private readonly crcConfigs: { crc16_custom?: CrcConfig; crc32_custom?: CrcConfig } = {};
  private readonly hashes = new Map<string, HashFunction | undefined>();

  /** The hash function of a v1model HashAlgorithm name under the current CRC parameters; undefined when unknown. */
  hash(name: string): HashFunction | undefined {
    if (this.hashes.has(name)) return this.hashes.get(name);
    const fn = hashFunction(name, {
      crc16Custom: this.crcConfigs.crc16_custom,
      crc32Custom: this.crcConfigs.crc32_custom,
      randomSource: () => this.random(),
    });
    this.hashes.set(name, fn);
    return fn;
  }

  setCrcParameters(algorithm: 'crc16_custom' | 'crc32_custom', config: CrcConfig | undefined): void {
    this.crcConfigs[algorithm] = config;
    this.hashes.clear();
  }

  /** Name of the V1Switch user-metadata struct, for the deprecated field-list forms of clone3/resubmit/recirculate. */
  metaTypeName = '';
  /** Field lists given inline to clone3/resubmit/recirculate: index 256 + i (bit<8> indices never reach 256). */
  readonly inlineFieldLists: number[][][] = [];

  constructor(
    readonly program: IrProgram,
    readonly ids: P4InfoIds,
    problems: BindProblem[],
  ) {
    this.standardMetadata = standardMetadataIndex(program);
    const idOf = (type: ResourceType, name: string): number => {
      let id = ids[type].get(name);
      if (id === undefined) {
        id = hashedId(type, name);
        ids[type].set(name, id);
      }
      return id;
    };
    for (const action of program.actions) {
      const id = idOf('action', action.controlPlaneName);
      this.actionIdToIndex.set(id, action.index);
      this.actionIndexToId[action.index] = id;
    }
    for (const instance of program.instances) {
      this.externs[instance.index] = this.createExtern(instance, idOf, problems);
    }
    for (const table of program.tables) {
      const id = idOf('table', table.controlPlaneName);
      this.tableIdToIndex.set(id, table.index);
      this.tables[table.index] = this.createTable(table, id);
    }
    for (const digest of program.digests) idOf('digest', digest.name);
    for (const valueSet of program.valueSets) {
      this.valueSetIdToIndex.set(idOf('valueSet', valueSet.controlPlaneName), valueSet.index);
      this.valueSets[valueSet.index] = [];
    }
  }

  private createExtern(
    instance: IrExternInstance,
    idOf: (type: ResourceType, name: string) => number,
    problems: BindProblem[],
  ): ExternObject | undefined {
    const name = instance.controlPlaneName;
    const object: ExternObject = { instance };
    switch (instance.externType) {
      case 'counter': {
        const type = constructorArg(instance, 'type');
        object.counter = new CounterArray(name, numberArg(instance, 'size'), counterUnit(type && enumMemberName(type.type, type.value)));
        this.instanceIdToIndex.set(idOf('counter', name), instance.index);
        return object;
      }
      case 'direct_counter': {
        const type = constructorArg(instance, 'type');
        object.directUnit = counterUnit(type && enumMemberName(type.type, type.value));
        this.instanceIdToIndex.set(idOf('directCounter', name), instance.index);
        return object;
      }
      case 'meter': {
        const type = constructorArg(instance, 'type');
        const unit: MeterUnit = type && enumMemberName(type.type, type.value) === 'packets' ? 'packets' : 'bytes';
        object.meter = new MeterArray(name, numberArg(instance, 'size'), unit);
        this.instanceIdToIndex.set(idOf('meter', name), instance.index);
        return object;
      }
      case 'direct_meter': {
        const type = constructorArg(instance, 'type');
        object.directUnit = type && enumMemberName(type.type, type.value) === 'packets' ? 'packets' : 'bytes';
        this.instanceIdToIndex.set(idOf('directMeter', name), instance.index);
        return object;
      }
      case 'register': {
        const elementType = instance.typeArgs[0];
        const width = elementType?.kind === 'bit' ? elementType.width : elementType?.kind === 'bool' ? 1 : 32;
        object.register = new RegisterArray(name, numberArg(instance, 'size'), width);
        this.instanceIdToIndex.set(idOf('register', name), instance.index);
        return object;
      }
      case 'action_profile':
      case 'action_selector': {
        const algorithm = constructorArg(instance, 'algorithm');
        object.profile = new ActionProfile({
          actionProfileId: idOf('actionProfile', name),
          name,
          size: numberArg(instance, 'size') || 1024,
          selectorAlgorithm:
            instance.externType === 'action_selector' ? (algorithm && enumMemberName(algorithm.type, algorithm.value)) ?? 'crc16' : undefined,
        });
        this.instanceIdToIndex.set(object.profile.spec.actionProfileId, instance.index);
        return object;
      }
      default:
        problems.push({ message: `extern ${instance.externType} (${name}) is not supported by the embedded switch` });
        return undefined;
    }
  }

  private createTable(table: IrTable, id: number): MatchTable {
    const fields: MatchFieldSpec[] = [];
    for (const key of table.keys) {
      if (!MATCH_KINDS.includes(key.matchKind)) continue; // `selector` keys feed the selector hash
      fields.push({ name: key.name, kind: key.matchKind as MatchKind, width: key.width });
    }
    for (const index of [...table.directCounters, ...table.directMeters]) {
      const object = this.externs[index];
      if (object) object.directTable = table.index;
    }
    return new MatchTable({
      tableId: id,
      name: table.controlPlaneName,
      fields,
      defaultAction: this.invocationOf(table.defaultAction.action, table.defaultAction.args),
      defaultActionIsConst: table.defaultAction.isConst,
      size: table.size,
      hasDirectCounter: table.directCounters.length > 0,
      hasDirectMeter: table.directMeters.length > 0,
    });
  }

  /** A control-plane invocation of an IR action with IR argument values. */
  invocationOf(actionIndex: number, args: readonly Value[]): ActionInvocation {
    return {
      actionId: this.actionIndexToId[actionIndex],
      params: args.map((a) => (typeof a === 'bigint' ? a : typeof a === 'boolean' ? (a ? 1n : 0n) : BigInt(a as number))),
    };
  }

  externById(id: number): ExternObject | undefined {
    const index = this.instanceIdToIndex.get(id);
    return index === undefined ? undefined : this.externs[index];
  }

  tableById(id: number): MatchTable | undefined {
    const index = this.tableIdToIndex.get(id);
    return index === undefined ? undefined : this.tables[index];
  }

  /** The action profile implementing a table, if any. */
  profileOfTable(tableIndex: number): ActionProfile | undefined {
    const implementation = this.program.tables[tableIndex].implementation;
    return implementation === undefined ? undefined : this.externs[implementation]?.profile;
  }
}
