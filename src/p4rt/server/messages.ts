// P4Runtime 1.4 messages as plain objects in the project's conventions
// (src/p4rt/proto.ts: proto field names, 64-bit integers as decimal strings,
// enums as names, unset fields absent). Everything arriving from a peer is typed
// loosely (every field optional; 64-bit integers as string, number, bigint or
// Long; bytes as Uint8Array or base64) and read through the accessors below,
// so the server never trusts the decoder's options.

export type Long64 = string | number | bigint | { low: number; high: number; unsigned?: boolean };
export type Bytes = Uint8Array | string;

export interface Uint128 { high?: Long64; low?: Long64 }
export interface RpcStatus { code?: number; message?: string; details?: AnyMessage[] }
export interface AnyMessage { type_url?: string; value?: Bytes }

export interface FieldMatchMessage {
  field_id?: number;
  exact?: { value?: Bytes } | null;
  ternary?: { value?: Bytes; mask?: Bytes } | null;
  lpm?: { value?: Bytes; prefix_len?: number } | null;
  range?: { low?: Bytes; high?: Bytes } | null;
  optional?: { value?: Bytes } | null;
  other?: AnyMessage | null;
}
export interface ActionMessage { action_id?: number; params?: { param_id?: number; value?: Bytes }[] }
export interface ActionProfileActionMessage { action?: ActionMessage | null; weight?: number; watch?: number; watch_port?: Bytes }
export interface TableActionMessage {
  action?: ActionMessage | null;
  action_profile_member_id?: number;
  action_profile_group_id?: number;
  action_profile_action_set?: { action_profile_actions?: ActionProfileActionMessage[] } | null;
}
export interface CounterDataMessage { byte_count?: Long64; packet_count?: Long64 }
export interface MeterConfigMessage { cir?: Long64; cburst?: Long64; pir?: Long64; pburst?: Long64; eburst?: Long64 }
export interface MeterCounterDataMessage {
  green?: CounterDataMessage | null;
  yellow?: CounterDataMessage | null;
  red?: CounterDataMessage | null;
}
export interface TableEntryMessage {
  table_id?: number;
  match?: FieldMatchMessage[];
  action?: TableActionMessage | null;
  priority?: number;
  controller_metadata?: Long64;
  meter_config?: MeterConfigMessage | null;
  counter_data?: CounterDataMessage | null;
  meter_counter_data?: MeterCounterDataMessage | null;
  is_default_action?: boolean;
  idle_timeout_ns?: Long64;
  time_since_last_hit?: { elapsed_ns?: Long64 } | null;
  metadata?: Bytes;
  is_const?: boolean;
}
export interface ActionProfileMemberMessage { action_profile_id?: number; member_id?: number; action?: ActionMessage | null }
export interface ActionProfileGroupMessage {
  action_profile_id?: number;
  group_id?: number;
  members?: { member_id?: number; weight?: number; watch?: number; watch_port?: Bytes }[];
  max_size?: number;
}
export interface IndexMessage { index?: Long64 }
export interface CounterEntryMessage { counter_id?: number; index?: IndexMessage | null; data?: CounterDataMessage | null }
export interface DirectCounterEntryMessage { table_entry?: TableEntryMessage | null; data?: CounterDataMessage | null }
export interface MeterEntryMessage {
  meter_id?: number;
  index?: IndexMessage | null;
  config?: MeterConfigMessage | null;
  counter_data?: MeterCounterDataMessage | null;
}
export interface DirectMeterEntryMessage {
  table_entry?: TableEntryMessage | null;
  config?: MeterConfigMessage | null;
  counter_data?: MeterCounterDataMessage | null;
}
export interface ReplicaMessage { egress_port?: number; port?: Bytes; instance?: number; backup_replicas?: unknown[] }
export interface MulticastGroupEntryMessage { multicast_group_id?: number; replicas?: ReplicaMessage[]; metadata?: Bytes }
export interface CloneSessionEntryMessage {
  session_id?: number;
  replicas?: ReplicaMessage[];
  class_of_service?: number;
  packet_length_bytes?: number;
}
export interface PacketReplicationEngineEntryMessage {
  multicast_group_entry?: MulticastGroupEntryMessage | null;
  clone_session_entry?: CloneSessionEntryMessage | null;
}
export interface ValueSetEntryMessage { value_set_id?: number; members?: { match?: FieldMatchMessage[] }[] }
export interface P4DataMessage {
  bitstring?: Bytes;
  bool?: boolean;
  struct?: { members?: P4DataMessage[] } | null;
  tuple?: { members?: P4DataMessage[] } | null;
  [other: string]: unknown;
}
export interface RegisterEntryMessage { register_id?: number; index?: IndexMessage | null; data?: P4DataMessage | null }
export interface DigestEntryMessage {
  digest_id?: number;
  config?: { max_timeout_ns?: Long64; max_list_size?: number; ack_timeout_ns?: Long64 } | null;
}

export interface EntityMessage {
  extern_entry?: unknown;
  table_entry?: TableEntryMessage | null;
  action_profile_member?: ActionProfileMemberMessage | null;
  action_profile_group?: ActionProfileGroupMessage | null;
  meter_entry?: MeterEntryMessage | null;
  direct_meter_entry?: DirectMeterEntryMessage | null;
  counter_entry?: CounterEntryMessage | null;
  direct_counter_entry?: DirectCounterEntryMessage | null;
  packet_replication_engine_entry?: PacketReplicationEngineEntryMessage | null;
  value_set_entry?: ValueSetEntryMessage | null;
  register_entry?: RegisterEntryMessage | null;
  digest_entry?: DigestEntryMessage | null;
}

export type UpdateType = 'UNSPECIFIED' | 'INSERT' | 'MODIFY' | 'DELETE';
export interface UpdateMessage { type?: UpdateType | number; entity?: EntityMessage | null }
export type Atomicity = 'CONTINUE_ON_ERROR' | 'ROLLBACK_ON_ERROR' | 'DATAPLANE_ATOMIC';
export interface WriteRequestMessage {
  device_id?: Long64;
  role_id?: Long64;
  role?: string;
  election_id?: Uint128 | null;
  updates?: UpdateMessage[];
  atomicity?: Atomicity | number;
}
export interface ReadRequestMessage { device_id?: Long64; role?: string; entities?: EntityMessage[] }
export interface ReadResponseMessage { entities: EntityMessage[] }

export interface ForwardingPipelineConfigMessage {
  /** Decoded P4Info (plain object). */
  p4info?: Record<string, unknown> | null;
  p4_device_config?: Bytes;
  cookie?: { cookie?: Long64 } | null;
}
export type PipelineAction =
  | 'UNSPECIFIED' | 'VERIFY' | 'VERIFY_AND_SAVE' | 'VERIFY_AND_COMMIT' | 'COMMIT' | 'RECONCILE_AND_COMMIT';
export interface SetPipelineRequestMessage {
  device_id?: Long64;
  role_id?: Long64;
  role?: string;
  election_id?: Uint128 | null;
  action?: PipelineAction | number;
  config?: ForwardingPipelineConfigMessage | null;
}
export type PipelineResponseType = 'ALL' | 'COOKIE_ONLY' | 'P4INFO_AND_COOKIE' | 'DEVICE_CONFIG_AND_COOKIE';
export interface GetPipelineRequestMessage { device_id?: Long64; response_type?: PipelineResponseType | number }

export interface RoleMessage { id?: Long64; name?: string; config?: AnyMessage | null }
export interface MasterArbitrationUpdateMessage {
  device_id?: Long64;
  role?: RoleMessage | null;
  election_id?: Uint128 | null;
  status?: RpcStatus | null;
}
export interface PacketMetadataMessage { metadata_id?: number; value?: Bytes }
export interface PacketMessage { payload?: Bytes; metadata?: PacketMetadataMessage[] }
export interface DigestListAckMessage { digest_id?: number; list_id?: Long64 }
export interface StreamRequestMessage {
  arbitration?: MasterArbitrationUpdateMessage | null;
  packet?: PacketMessage | null;
  digest_ack?: DigestListAckMessage | null;
  other?: AnyMessage | null;
}
export interface StreamErrorMessage {
  canonical_code: number;
  message: string;
  packet_out?: { packet_out?: PacketMessage };
  digest_list_ack?: { digest_list_ack?: DigestListAckMessage };
  other?: { other?: AnyMessage };
}
export interface StreamResponseMessage {
  arbitration?: MasterArbitrationUpdateMessage;
  packet?: PacketMessage;
  digest?: { digest_id: number; list_id: string; data: P4DataMessage[]; timestamp: string };
  idle_timeout_notification?: { table_entry: TableEntryMessage[]; timestamp: string };
  error?: StreamErrorMessage;
}

// ---- accessors: tolerant readers for decoder output ----

/** Unsigned/signed 64-bit field of any representation → bigint (undefined/null → 0n). */
export function long64(value: Long64 | null | undefined): bigint {
  if (value === undefined || value === null) return 0n;
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : 0n;
    case 'string':
      return /^-?\d+$/.test(value) ? BigInt(value) : 0n;
    default: {
      const low = BigInt(value.low >>> 0);
      const high = BigInt(value.high >>> 0);
      const combined = (high << 32n) | low;
      return value.unsigned || !(value.high & 0x80000000) ? combined : combined - (1n << 64n);
    }
  }
}

/** 32-bit integer field (numbers pass; anything else → 0). */
export function int32(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes field: Uint8Array as is, base64 text decoded, anything else → empty. */
const noBytes = new Uint8Array(0);

export function bytesOf(value: Bytes | null | undefined): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string' && value !== '' && base64Pattern.test(value)) return new Uint8Array(Buffer.from(value, 'base64'));
  return noBytes;
}

/** Enum field given as a name or a number → name (unknown numbers → undefined). */
export function enumName<T extends string>(value: T | number | undefined, names: readonly T[]): T | undefined {
  if (value === undefined) return names[0];
  if (typeof value === 'number') return names[value];
  return names.includes(value) ? value : undefined;
}

/** A message field is "set" when present and not null (protobufjs uses null for unset with defaults). */
export function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

export const updateTypes: readonly UpdateType[] = ['UNSPECIFIED', 'INSERT', 'MODIFY', 'DELETE'];
export const atomicities: readonly Atomicity[] = ['CONTINUE_ON_ERROR', 'ROLLBACK_ON_ERROR', 'DATAPLANE_ATOMIC'];
export const pipelineActions: readonly PipelineAction[] = [
  'UNSPECIFIED', 'VERIFY', 'VERIFY_AND_SAVE', 'VERIFY_AND_COMMIT', 'COMMIT', 'RECONCILE_AND_COMMIT',
];
export const pipelineResponseTypes: readonly PipelineResponseType[] = [
  'ALL', 'COOKIE_ONLY', 'P4INFO_AND_COOKIE', 'DEVICE_CONFIG_AND_COOKIE',
];
