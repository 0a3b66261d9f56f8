import { describe, expect, it } from 'vitest';
import type { FieldMatch, TableAction, TableEntryState } from '../../src/sim/entries.js';
import { MatchTable, entryKeyString, type MatchFieldSpec } from '../../src/sim/table.js';
import { ActionProfile, resolveTableAction } from '../../src/sim/action-profile.js';

function entry(match: FieldMatch[], actionId: number, priority = 0, params: bigint[] = []): TableEntryState {
  const action: TableAction = { kind: 'action', action: { actionId, params } };
  return {
    tableId: 1,
    match,
    priority,
    action,
    controllerMetadata: 0n,
    metadata: new Uint8Array(),
    idleTimeoutNs: 0n,
    counter: { byteCount: 0n, packetCount: 0n },
    lastHitNs: 0n,
    isConst: false,
  };
}

function table(fields: MatchFieldSpec[], options: { size?: number; hasDirectCounter?: boolean } = {}): MatchTable {
  return new MatchTable({ tableId: 1, name: 't', fields, defaultAction: { actionId: 99, params: [] }, ...options });
}

const actionOf = (e: TableEntryState | undefined) => (e?.action.kind === 'action' ? e.action.action.actionId : undefined);

describe('exact tables', () => {
  it('matches on the whole key, numbers and bigints alike', () => {
    const t = table([{ name: 'a', kind: 'exact', width: 16 }, { name: 'b', kind: 'exact', width: 48 }]);
    expect(t.strategy).toBe('exact');
    expect(t.insert(entry([{ kind: 'exact', value: 5n }, { kind: 'exact', value: 0xaabbccddeeffn }], 1)).ok).toBe(true);
    expect(actionOf(t.lookup([5, 0xaabbccddeeffn]))).toBe(1);
    expect(actionOf(t.lookup([5n, 0xaabbccddeeff]))).toBe(1);
    expect(t.lookup([6, 0xaabbccddeeffn])).toBeUndefined();
  });
  it('rejects duplicates, modifies in place, deletes, and reports missing entries', () => {
    const t = table([{ name: 'a', kind: 'exact', width: 8 }]);
    const match: FieldMatch[] = [{ kind: 'exact', value: 1n }];
    expect(t.insert(entry(match, 1)).ok).toBe(true);
    const again = t.insert(entry(match, 2));
    expect(again.ok === false && again.error.code).toBe('ALREADY_EXISTS');
    expect(t.modify(entry(match, 3)).ok).toBe(true);
    expect(actionOf(t.lookup([1]))).toBe(3);
    expect(t.delete(match, 0).ok).toBe(true);
    expect(t.lookup([1])).toBeUndefined();
    const missing = t.delete(match, 0);
    expect(missing.ok === false && missing.error.code).toBe('NOT_FOUND');
    const missingModify = t.modify(entry(match, 3));
    expect(missingModify.ok === false && missingModify.error.code).toBe('NOT_FOUND');
  });
  it('enforces the table size and protects const entries', () => {
    const t = table([{ name: 'a', kind: 'exact', width: 8 }], { size: 1 });
    const constant = { ...entry([{ kind: 'exact', value: 1n }], 1), isConst: true };
    expect(t.insert(constant).ok).toBe(true);
    const full = t.insert(entry([{ kind: 'exact', value: 2n }], 1));
    expect(full.ok === false && full.error.code).toBe('RESOURCE_EXHAUSTED');
    const denied = t.delete([{ kind: 'exact', value: 1n }], 0);
    expect(denied.ok === false && denied.error.code).toBe('PERMISSION_DENIED');
  });
  it('counts hits on the direct counter and stamps lastHitNs', () => {
    const t = table([{ name: 'a', kind: 'exact', width: 8 }], { hasDirectCounter: true });
    const e = entry([{ kind: 'exact', value: 1n }], 1);
    t.insert(e);
    t.recordHit(e, 64, 1234n);
    t.recordHit(e, 100, 2000n);
    expect(e.counter).toEqual({ packetCount: 2n, byteCount: 164n });
    expect(e.lastHitNs).toBe(2000n);
  });
  it('default action can be changed unless const', () => {
    const t = table([{ name: 'a', kind: 'exact', width: 8 }]);
    expect(t.defaultAction.actionId).toBe(99);
    expect(t.setDefaultAction({ actionId: 7, params: [1n] }).ok).toBe(true);
    expect(t.defaultAction).toEqual({ actionId: 7, params: [1n] });
    t.resetDefaultAction();
    expect(t.defaultAction.actionId).toBe(99);
    const fixed = new MatchTable({ tableId: 2, name: 'f', fields: [], defaultAction: { actionId: 1, params: [] }, defaultActionIsConst: true });
    expect(fixed.setDefaultAction({ actionId: 2, params: [] }).ok).toBe(false);
  });
});

describe('lpm tables', () => {
  const ipv4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  it('prefers the longest prefix and falls back to shorter ones', () => {
    const t = table([{ name: 'vrf', kind: 'exact', width: 8 }, { name: 'dst', kind: 'lpm', width: 32 }]);
    expect(t.strategy).toBe('lpm');
    t.insert(entry([{ kind: 'exact', value: 1n }, { kind: 'lpm', value: BigInt(ipv4(10, 0, 0, 0)), prefixLen: 8 }], 8));
    t.insert(entry([{ kind: 'exact', value: 1n }, { kind: 'lpm', value: BigInt(ipv4(10, 1, 0, 0)), prefixLen: 16 }], 16));
    t.insert(entry([{ kind: 'exact', value: 1n }, { kind: 'lpm', value: BigInt(ipv4(10, 1, 2, 3)), prefixLen: 32 }], 32));
    t.insert(entry([{ kind: 'exact', value: 1n }, { kind: 'wildcard' }], 0));
    expect(actionOf(t.lookup([1, ipv4(10, 1, 2, 3)]))).toBe(32);
    expect(actionOf(t.lookup([1, ipv4(10, 1, 9, 9)]))).toBe(16);
    expect(actionOf(t.lookup([1n, BigInt(ipv4(10, 200, 0, 1))]))).toBe(8);
    expect(actionOf(t.lookup([1, ipv4(192, 168, 0, 1)]))).toBe(0);
    expect(t.lookup([2, ipv4(10, 1, 2, 3)])).toBeUndefined();
    expect(t.delete([{ kind: 'exact', value: 1n }, { kind: 'lpm', value: BigInt(ipv4(10, 1, 0, 0)), prefixLen: 16 }], 0).ok).toBe(true);
    expect(actionOf(t.lookup([1, ipv4(10, 1, 9, 9)]))).toBe(8);
  });
  it('handles 128-bit prefixes of every length, including lengths that split a hex digit', () => {
    const t = table([{ name: 'dst', kind: 'lpm', width: 128 }]);
    const address = 0x20010db8_00000000_00000000_0000abcdn;
    for (const length of [0, 1, 3, 17, 31, 64, 127, 128]) {
      const mask = length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(128 - length);
      const value = address & mask;
      if (length === 0) t.insert(entry([{ kind: 'wildcard' }], 1000));
      else t.insert(entry([{ kind: 'lpm', value, prefixLen: length }], 1000 + length));
    }
    expect(actionOf(t.lookup([address]))).toBe(1128);
    expect(actionOf(t.lookup([address ^ 1n]))).toBe(1127);
    expect(actionOf(t.lookup([address ^ (1n << 40n)]))).toBe(1064);
    expect(actionOf(t.lookup([address ^ (1n << 100n)]))).toBe(1017);
    expect(actionOf(t.lookup([address ^ (1n << 124n)]))).toBe(1003);
    expect(actionOf(t.lookup([address ^ (1n << 126n)]))).toBe(1001);
    expect(actionOf(t.lookup([address ^ (1n << 127n)]))).toBe(1000);
  });
  it('handles 128-bit prefixes', () => {
    const t = table([{ name: 'dst', kind: 'lpm', width: 128 }]);
    const prefix = 0x20010db8n << 96n;
    t.insert(entry([{ kind: 'lpm', value: prefix, prefixLen: 32 }], 1));
    t.insert(entry([{ kind: 'lpm', value: prefix | (1n << 64n), prefixLen: 64 }], 2));
    expect(actionOf(t.lookup([prefix | (1n << 64n) | 5n]))).toBe(2);
    expect(actionOf(t.lookup([prefix | 5n]))).toBe(1);
  });
});

describe('ternary, range and optional tables', () => {
  it('the largest priority wins among matching entries', () => {
    const t = table([{ name: 'a', kind: 'ternary', width: 8 }, { name: 'b', kind: 'range', width: 16 }]);
    expect(t.strategy).toBe('ordered');
    t.insert(entry([{ kind: 'ternary', value: 0x10n, mask: 0xf0n }, { kind: 'wildcard' }], 1, 10));
    t.insert(entry([{ kind: 'ternary', value: 0x12n, mask: 0xffn }, { kind: 'range', low: 100n, high: 200n }], 2, 20));
    t.insert(entry([{ kind: 'wildcard' }, { kind: 'range', low: 0n, high: 50n }], 3, 5));
    expect(actionOf(t.lookup([0x12, 150]))).toBe(2);
    expect(actionOf(t.lookup([0x12, 250]))).toBe(1);
    expect(actionOf(t.lookup([0x22, 25]))).toBe(3);
    expect(t.lookup([0x22, 60])).toBeUndefined();
  });
  it('same match with a different priority is a different entry', () => {
    const t = table([{ name: 'a', kind: 'optional', width: 8 }]);
    expect(t.insert(entry([{ kind: 'optional', value: 1n }], 1, 1)).ok).toBe(true);
    expect(t.insert(entry([{ kind: 'optional', value: 1n }], 2, 2)).ok).toBe(true);
    expect(actionOf(t.lookup([1]))).toBe(2);
    expect(actionOf(t.lookup([2]))).toBeUndefined();
    expect([...t.entries()].length).toBe(2);
  });
  it('ternary masks with the top bit set (32-bit number path) and 64-bit fields (bigint path)', () => {
    const t = table([{ name: 'a', kind: 'ternary', width: 32 }, { name: 'b', kind: 'ternary', width: 64 }]);
    t.insert(entry([{ kind: 'ternary', value: 0xc0a80000n, mask: 0xffff0000n }, { kind: 'wildcard' }], 1, 1));
    t.insert(entry([{ kind: 'wildcard' }, { kind: 'ternary', value: 0x8000000000000000n, mask: 0x8000000000000000n }], 2, 2));
    expect(actionOf(t.lookup([0xc0a80101, 1n]))).toBe(1);
    expect(actionOf(t.lookup([0xc0a90101, 1n]))).toBeUndefined();
    expect(actionOf(t.lookup([0xc0a80101, 0x8000000000000001n]))).toBe(2);
  });
  it('equal priorities keep insertion order', () => {
    const t = table([{ name: 'a', kind: 'ternary', width: 8 }]);
    t.insert(entry([{ kind: 'ternary', value: 0n, mask: 0x01n }], 1, 5));
    t.insert(entry([{ kind: 'ternary', value: 0n, mask: 0x02n }], 2, 5));
    expect(actionOf(t.lookup([0]))).toBe(1);
  });
  it('canonical keys treat every match-anything form alike', () => {
    const fields: MatchFieldSpec[] = [{ name: 'a', kind: 'ternary', width: 8 }];
    expect(entryKeyString([{ kind: 'ternary', value: 0n, mask: 0n }], 1, fields)).toBe(entryKeyString([{ kind: 'wildcard' }], 1, fields));
    expect(entryKeyString([{ kind: 'ternary', value: 1n, mask: 1n }], 1, fields)).not.toBe(entryKeyString([{ kind: 'ternary', value: 1n, mask: 1n }], 2, fields));
  });
});

describe('action profiles and selectors', () => {
  const profile = () => {
    const p = new ActionProfile({ actionProfileId: 5, name: 'p', size: 4, selectorAlgorithm: 'crc16' });
    for (const id of [3, 1, 2]) p.insertMember({ actionProfileId: 5, memberId: id, action: { actionId: 100 + id, params: [] } });
    return p;
  };
  it('selects hash % size over members in BMv2 handle order (creation order)', () => {
    const p = profile();
    expect(p.insertGroup({ actionProfileId: 5, groupId: 7, members: [{ memberId: 1, weight: 1 }, { memberId: 2, weight: 1 }, { memberId: 3, weight: 1 }], maxSize: 8 }).ok).toBe(true);
    // Created 3, 1, 2: handles 0, 1, 2.
    expect(p.selectFromGroup(7, 0n)?.actionId).toBe(103);
    expect(p.selectFromGroup(7, 4n)?.actionId).toBe(101);
    expect(p.selectFromGroup(7, 5n)?.actionId).toBe(102);
  });
  it('gives a new member the smallest free handle, as BMv2 reuses a deleted one', () => {
    const p = profile();
    expect(p.deleteMember(3).ok).toBe(true);
    p.insertMember({ actionProfileId: 5, memberId: 9, action: { actionId: 109, params: [] } });
    p.insertGroup({ actionProfileId: 5, groupId: 7, members: [{ memberId: 1, weight: 1 }, { memberId: 2, weight: 1 }, { memberId: 9, weight: 1 }], maxSize: 8 });
    expect([0n, 1n, 2n].map((hash) => p.selectFromGroup(7, hash)?.actionId)).toEqual([109, 101, 102]);
  });
  it('weights repeat members; empty groups select nothing', () => {
    const p = profile();
    p.insertGroup({ actionProfileId: 5, groupId: 8, members: [{ memberId: 1, weight: 1 }, { memberId: 2, weight: 2 }], maxSize: 8 });
    expect(p.groupSize(8)).toBe(3);
    expect([0n, 1n, 2n].map((h) => p.selectFromGroup(8, h)?.actionId)).toEqual([101, 102, 102]);
    p.insertGroup({ actionProfileId: 5, groupId: 9, members: [], maxSize: 8 });
    expect(p.selectFromGroup(9, 0n)).toBeUndefined();
    expect(resolveTableAction({ kind: 'group', groupId: 9 }, p, () => 0n)).toBeUndefined();
  });
  it('refuses to delete a member still in a group and unknown members in groups', () => {
    const p = profile();
    p.insertGroup({ actionProfileId: 5, groupId: 8, members: [{ memberId: 1, weight: 1 }], maxSize: 8 });
    expect(p.deleteMember(1).ok).toBe(false);
    expect(p.deleteMember(2).ok).toBe(true);
    expect(p.insertGroup({ actionProfileId: 5, groupId: 10, members: [{ memberId: 42, weight: 1 }], maxSize: 8 }).ok).toBe(false);
  });
  it('resolves members, groups and one-shot actions; hashes only when needed', () => {
    const p = profile();
    p.insertGroup({ actionProfileId: 5, groupId: 8, members: [{ memberId: 1, weight: 1 }, { memberId: 2, weight: 1 }], maxSize: 8 });
    let hashed = 0;
    const hash = () => (hashed++, 1n);
    expect(resolveTableAction({ kind: 'member', memberId: 3 }, p, hash)?.actionId).toBe(103);
    expect(hashed).toBe(0);
    expect(resolveTableAction({ kind: 'group', groupId: 8 }, p, hash)?.actionId).toBe(102);
    const oneShot: TableAction = { kind: 'oneShot', actions: [{ action: { actionId: 1, params: [] }, weight: 1 }, { action: { actionId: 2, params: [] }, weight: 1 }] };
    expect(resolveTableAction(oneShot, p, hash)?.actionId).toBe(2);
    expect(hashed).toBe(2);
  });
});

describe('single wide exact field (number-keyed up to 53 bits)', () => {
  it('matches 48-bit MAC keys given as bigints and keeps 64-bit keys exact', () => {
    const mac = table([{ name: 'dst', kind: 'exact', width: 48 }]);
    mac.insert(entry([{ kind: 'exact', value: 0xffffffffffffn }], 1));
    mac.insert(entry([{ kind: 'exact', value: 0xfffffffffffen }], 2));
    expect(actionOf(mac.lookup([0xffffffffffffn]))).toBe(1);
    expect(actionOf(mac.lookup([0xfffffffffffen]))).toBe(2);
    const wide = table([{ name: 'k', kind: 'exact', width: 64 }]);
    wide.insert(entry([{ kind: 'exact', value: 0xffffffffffffffffn }], 3));
    expect(actionOf(wide.lookup([0xffffffffffffffffn]))).toBe(3);
    expect(wide.lookup([0xfffffffffffffffen])).toBeUndefined();
  });
});
