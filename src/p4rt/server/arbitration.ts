// Client arbitration (P4Runtime 1.4 §5 "Client Arbitration and Controller
// Replication", §5.3 rules, §5.4 notifications, §16.2). No I/O: each call
// returns the notifications to send and, for a rejected update, the status
// that terminates the stream. Primary for a (device_id, role) is the live
// client whose election_id equals the highest election_id ever seen for it;
// when the primary leaves nobody is promoted (§5: "The P4Runtime server will
// be without a primary controller, until a client sends a successful
// MasterArbitrationUpdate").

import type { AnyMessage, MasterArbitrationUpdateMessage } from './messages.js';
import { parseRoleConfig, type RoleScope } from './roles.js';
import { Code, failure, type P4Status } from './status.js';

export type ClientId = number;

interface Group {
  deviceId: bigint;
  role: string;
  /** Live clients and their election id (undefined = unset: a backup forever, §16.2.1). */
  clients: Map<ClientId, bigint | undefined>;
  highestElectionId: bigint | undefined;
  primary: ClientId | undefined;
  roleConfig: AnyMessage | undefined;
  /** Parsed roleConfig; undefined = full pipeline access (§5 "Role Config"). */
  scope: RoleScope | undefined;
}

export interface Notification {
  clientId: ClientId;
  update: MasterArbitrationUpdateMessage;
}

export type ArbitrationOutcome =
  | { ok: true; notifications: Notification[] }
  | { ok: false; status: P4Status };

export interface ArbitrationRequest {
  deviceId: bigint;
  role: string;
  electionId: bigint | undefined;
  roleConfig: AnyMessage | undefined;
}

function electionIdMessage(value: bigint): { high: string; low: string } {
  return { high: (value >> 64n).toString(), low: (value & 0xffff_ffff_ffff_ffffn).toString() };
}

export class Arbitration {
  private groups = new Map<string, Group>();
  private membership = new Map<ClientId, Group>();

  constructor(private readonly isKnownDevice: (deviceId: bigint) => boolean) {}

  private groupFor(deviceId: bigint, role: string): Group {
    const key = `${deviceId}/${role}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { deviceId, role, clients: new Map(), highestElectionId: undefined, primary: undefined, roleConfig: undefined, scope: undefined };
      this.groups.set(key, group);
    }
    return group;
  }

  /** Handles a MasterArbitrationUpdate from a client (first or later on its stream). */
  update(clientId: ClientId, request: ArbitrationRequest): ArbitrationOutcome {
    const existing = this.membership.get(clientId);
    if (!existing) {
      // §5.3 1.1: unknown device → NOT_FOUND.
      if (!this.isKnownDevice(request.deviceId)) return { ok: false, status: failure(Code.NOT_FOUND, `device ${request.deviceId} not found`) };
    } else {
      // §5.3 2.1/2.2: a stream keeps its device and role.
      if (existing.deviceId !== request.deviceId) return { ok: false, status: failure(Code.FAILED_PRECONDITION, 'device_id differs from this stream\'s') };
      if (existing.role !== request.role) return { ok: false, status: failure(Code.FAILED_PRECONDITION, 'role differs from this stream\'s') };
    }
    // §5.3 1.3/2.3: "If role.config does not match the 'out-of-band' scheme … INVALID_ARGUMENT"
    // (checked before the group exists, so a refused role is not a known role afterwards).
    const scope = parseRoleConfig(request.role, request.roleConfig);
    if (!scope.ok) return { ok: false, status: scope.status };
    const group = existing ?? this.groupFor(request.deviceId, request.role);
    // §5.3 1.2/2.4: an election_id already used by another live client → INVALID_ARGUMENT.
    if (request.electionId !== undefined) {
      for (const [other, electionId] of group.clients) {
        if (other !== clientId && electionId === request.electionId) {
          return { ok: false, status: failure(Code.INVALID_ARGUMENT, `election_id ${request.electionId} is used by another client`) };
        }
      }
    }
    group.clients.set(clientId, request.electionId);
    this.membership.set(clientId, group);
    const wasPrimary = group.primary === clientId;
    if (request.electionId !== undefined && (group.highestElectionId === undefined || request.electionId >= group.highestElectionId)) {
      // §5.3: election_id >= election_id_past → becomes or stays primary; role config taken from it.
      group.highestElectionId = request.electionId;
      group.primary = clientId;
      group.roleConfig = request.roleConfig;
      group.scope = scope.scope;
      // Notify everyone else first, then the new primary (§5.3 steps 2 and 5).
      const others = [...group.clients.keys()].filter((id) => id !== clientId);
      return { ok: true, notifications: [...others, clientId].map((id) => this.notification(group, id)) };
    }
    if (wasPrimary) {
      // A primary that lowered its election id downgrades itself: no primary until someone reaches the highest id.
      group.primary = undefined;
      return { ok: true, notifications: [...group.clients.keys()].map((id) => this.notification(group, id)) };
    }
    return { ok: true, notifications: [this.notification(group, clientId)] };
  }

  /** A client's stream closed; if it was primary, everyone left is told there is none. */
  leave(clientId: ClientId): Notification[] {
    const group = this.membership.get(clientId);
    if (!group) return [];
    this.membership.delete(clientId);
    group.clients.delete(clientId);
    if (group.primary !== clientId) return [];
    group.primary = undefined;
    return [...group.clients.keys()].map((id) => this.notification(group, id));
  }

  /** §5.4 advisory message for one recipient. */
  private notification(group: Group, clientId: ClientId): Notification {
    const update: MasterArbitrationUpdateMessage = { device_id: group.deviceId.toString() };
    if (group.role !== '' || group.roleConfig) {
      update.role = { name: group.role, ...(group.roleConfig ? { config: group.roleConfig } : {}) };
    }
    // "If there has not been any primary at all, the election_id is left unset."
    if (group.highestElectionId !== undefined) update.election_id = electionIdMessage(group.highestElectionId);
    if (group.primary === clientId) update.status = { code: Code.OK, message: 'primary' };
    else if (group.primary !== undefined) update.status = { code: Code.ALREADY_EXISTS, message: 'backup: another client is primary' };
    else update.status = { code: Code.NOT_FOUND, message: 'backup: there is no primary' };
    return { clientId, update };
  }

  /** The (device_id, role) of a client's stream, if it has sent a successful update. */
  sessionOf(clientId: ClientId): { deviceId: bigint; role: string; electionId: bigint | undefined } | undefined {
    const group = this.membership.get(clientId);
    return group ? { deviceId: group.deviceId, role: group.role, electionId: group.clients.get(clientId) } : undefined;
  }

  isPrimaryClient(clientId: ClientId): boolean {
    const group = this.membership.get(clientId);
    return group !== undefined && group.primary === clientId;
  }

  /**
   * §12: the request's (device_id, role, election_id) must identify the
   * current primary; an unset election_id never does.
   */
  isPrimary(deviceId: bigint, role: string, electionId: bigint | undefined): boolean {
    const group = this.groups.get(`${deviceId}/${role}`);
    if (!group || group.primary === undefined || electionId === undefined) return false;
    return group.clients.get(group.primary) === electionId;
  }

  /** The primary client of a (device_id, role) (PacketIn, digests and idle timeouts go there). */
  primaryOf(deviceId: bigint, role: string): ClientId | undefined {
    return this.groups.get(`${deviceId}/${role}`)?.primary;
  }

  /** The scope of a role as its primary configured it; undefined = full pipeline access (default role, no role.config, unknown role). */
  scopeOf(deviceId: bigint, role: string): RoleScope | undefined {
    return this.groups.get(`${deviceId}/${role}`)?.scope;
  }

  /** The primary of every role of a device that has one, with the role's scope (notifications fan out by scope). */
  primaries(deviceId: bigint): { clientId: ClientId; role: string; scope: RoleScope | undefined }[] {
    const found = [];
    for (const group of this.groups.values()) {
      if (group.deviceId === deviceId && group.primary !== undefined) found.push({ clientId: group.primary, role: group.role, scope: group.scope });
    }
    return found;
  }

  /** Whether any client has ever arbitrated for this role (unknown roles → NOT_FOUND in Write, §12). */
  hasRole(deviceId: bigint, role: string): boolean {
    return this.groups.has(`${deviceId}/${role}`);
  }
}
