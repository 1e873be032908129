import { CALL_ENTRY_KINDS, type CallEntryKind } from '#contracts';

export interface StasisEntry {
  kind: CallEntryKind;
  tenantId: number | null;
  entryId: string;
}

/**
 * Parses `Stasis(webcall, <kind>, <tenantId>, <entryId>)` arguments from the static
 * dialplan. Anything else is rejected: a channel we cannot attribute is not served.
 */
export function parseStasisArgs(args: readonly string[]): StasisEntry | null {
  const [kind, tenant, entryId] = args;
  if (!CALL_ENTRY_KINDS.includes(kind as CallEntryKind)) return null;
  if (!/^\d{1,9}$/.test(tenant ?? '')) return null;
  if (!/^[A-Za-z0-9_.+-]{1,64}$/.test(entryId ?? '')) return null;
  const tenantId = Number(tenant);
  return { kind: kind as CallEntryKind, tenantId: tenantId === 0 ? null : tenantId, entryId };
}
