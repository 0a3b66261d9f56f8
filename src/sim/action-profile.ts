// Action profiles and action selectors (v1model action_profile /
// action_selector; P4Runtime §9.2). A selector picks a group member as BMv2
// does: hash of the selector key fields modulo the number of members, members
// ordered by their BMv2 member handle. simple_switch_grpc creates one BMv2
// member per P4Runtime member, and BMv2's handle manager hands out the
// smallest free handle; so members are ordered by creation, a deleted
// member's handle going to the next one created. P4Runtime weights are
// honoured by repeating a member `weight` times.

import type { ActionInvocation, ActionProfileGroup, ActionProfileMember, TableAction } from './entries.js';
import type { TableWriteResult } from './table.js';

function fail(code: 'ALREADY_EXISTS' | 'NOT_FOUND' | 'RESOURCE_EXHAUSTED' | 'INVALID_ARGUMENT', message: string): TableWriteResult {
  return { ok: false, error: { code, message } };
}

export interface ActionProfileSpec {
  actionProfileId: number;
  name: string;
  /** Maximum number of members (P4Info `size`). */
  size: number;
  /** Selector hash algorithm name (v1model HashAlgorithm); undefined for a plain profile. */
  selectorAlgorithm?: string;
  maxGroupSize?: number;
}

export class ActionProfile {
  private readonly members = new Map<number, ActionProfileMember>();
  /** BMv2 member handle of each member id (smallest free handle at creation). */
  private readonly handles = new Map<number, number>();
  private readonly usedHandles = new Set<number>();
  private readonly groups = new Map<number, ActionProfileGroup>();
  /** Flattened, weight-expanded member lists, rebuilt on every group write. */
  private readonly expanded = new Map<number, ActionInvocation[]>();

  constructor(readonly spec: ActionProfileSpec) {}

  get isSelector(): boolean {
    return this.spec.selectorAlgorithm !== undefined;
  }

  insertMember(member: ActionProfileMember): TableWriteResult {
    if (this.members.has(member.memberId)) return fail('ALREADY_EXISTS', `${this.spec.name}: member ${member.memberId} exists`);
    if (this.members.size >= this.spec.size) return fail('RESOURCE_EXHAUSTED', `${this.spec.name}: profile full`);
    this.members.set(member.memberId, member);
    let handle = 0;
    while (this.usedHandles.has(handle)) handle++;
    this.usedHandles.add(handle);
    this.handles.set(member.memberId, handle);
    return { ok: true };
  }

  modifyMember(member: ActionProfileMember): TableWriteResult {
    if (!this.members.has(member.memberId)) return fail('NOT_FOUND', `${this.spec.name}: no member ${member.memberId}`);
    this.members.set(member.memberId, member);
    this.rebuildAll();
    return { ok: true };
  }

  /** P4Runtime §9.2.1: a member still referenced by a group cannot be deleted. */
  deleteMember(memberId: number): TableWriteResult {
    if (!this.members.has(memberId)) return fail('NOT_FOUND', `${this.spec.name}: no member ${memberId}`);
    for (const group of this.groups.values()) {
      if (group.members.some((m) => m.memberId === memberId)) {
        return fail('INVALID_ARGUMENT', `${this.spec.name}: member ${memberId} is used by group ${group.groupId}`);
      }
    }
    this.members.delete(memberId);
    this.usedHandles.delete(this.handles.get(memberId)!);
    this.handles.delete(memberId);
    return { ok: true };
  }

  insertGroup(group: ActionProfileGroup): TableWriteResult {
    if (this.groups.has(group.groupId)) return fail('ALREADY_EXISTS', `${this.spec.name}: group ${group.groupId} exists`);
    const missing = group.members.find((m) => !this.members.has(m.memberId));
    if (missing) return fail('NOT_FOUND', `${this.spec.name}: group ${group.groupId} names unknown member ${missing.memberId}`);
    this.groups.set(group.groupId, group);
    this.rebuild(group);
    return { ok: true };
  }

  modifyGroup(group: ActionProfileGroup): TableWriteResult {
    if (!this.groups.has(group.groupId)) return fail('NOT_FOUND', `${this.spec.name}: no group ${group.groupId}`);
    const missing = group.members.find((m) => !this.members.has(m.memberId));
    if (missing) return fail('NOT_FOUND', `${this.spec.name}: group ${group.groupId} names unknown member ${missing.memberId}`);
    this.groups.set(group.groupId, group);
    this.rebuild(group);
    return { ok: true };
  }

  deleteGroup(groupId: number): TableWriteResult {
    if (!this.groups.delete(groupId)) return fail('NOT_FOUND', `${this.spec.name}: no group ${groupId}`);
    this.expanded.delete(groupId);
    return { ok: true };
  }

  member(memberId: number): ActionProfileMember | undefined {
    return this.members.get(memberId);
  }

  group(groupId: number): ActionProfileGroup | undefined {
    return this.groups.get(groupId);
  }

  allMembers(): IterableIterator<ActionProfileMember> {
    return this.members.values();
  }

  allGroups(): IterableIterator<ActionProfileGroup> {
    return this.groups.values();
  }

  private rebuild(group: ActionProfileGroup): void {
    const handle = (memberId: number) => this.handles.get(memberId) ?? Number.MAX_SAFE_INTEGER;
    const sorted = [...group.members].sort((a, b) => handle(a.memberId) - handle(b.memberId));
    const list: ActionInvocation[] = [];
    for (const { memberId, weight } of sorted) {
      const member = this.members.get(memberId);
      if (!member) continue;
      for (let i = 0; i < Math.max(1, weight); i++) list.push(member.action);
    }
    this.expanded.set(group.groupId, list);
  }

  private rebuildAll(): void {
    for (const group of this.groups.values()) this.rebuild(group);
  }

  /** Number of (weight-expanded) members of a group; 0 for an empty or unknown group. */
  groupSize(groupId: number): number {
    return this.expanded.get(groupId)?.length ?? 0;
  }

  /** The member action chosen by `hash % size`; undefined for an empty or unknown group. */
  selectFromGroup(groupId: number, hash: bigint): ActionInvocation | undefined {
    const list = this.expanded.get(groupId);
    if (!list || list.length === 0) return undefined;
    return list[Number(hash % BigInt(list.length))];
  }
}

/**
 * The action a table entry runs. `hash` is only computed (lazily) for groups
 * and one-shot selections, since hashing the selector fields costs time.
 * Undefined when the indirection leads nowhere (empty group): BMv2 treats the
 * lookup as a miss in that case, so the caller runs the default action.
 */
export function resolveTableAction(
  action: TableAction,
  profile: ActionProfile | undefined,
  hash: () => bigint,
): ActionInvocation | undefined {
  switch (action.kind) {
    case 'action':
      return action.action;
    case 'member':
      return profile?.member(action.memberId)?.action;
    case 'group':
      return profile?.selectFromGroup(action.groupId, hash());
    case 'oneShot': {
      const list: ActionInvocation[] = [];
      for (const choice of action.actions) for (let i = 0; i < Math.max(1, choice.weight); i++) list.push(choice.action);
      if (list.length === 0) return undefined;
      return list[Number(hash() % BigInt(list.length))];
    }
  }
}
