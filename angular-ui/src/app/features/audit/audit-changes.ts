// Plain functions (no Angular imports): how an audit entry's before/after reads in a table.
import type { AuditEntry } from '@webcall/contracts';

/** One changed field: its dotted path and both sides, `absent` when that side was not recorded. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** The entry recorded no "before" (a creation) or no "after" (a deletion). */
  beforeAbsent: boolean;
  afterAbsent: boolean;
}

const ABSENT = Symbol('absent');

/** Nested objects become dotted paths (`quotas.users`), so each row is one readable value. */
function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      flatten(inner as Record<string, unknown>, path, out);
    } else {
      out.set(path, inner);
    }
  }
  return out;
}

/**
 * The rows of an entry's change view: every field named on either side, in the order the entry
 * lists them (the "after" side first, then fields only the "before" side has).
 */
export function fieldChanges(entry: Pick<AuditEntry, 'before' | 'after'>): FieldChange[] {
  const before = entry.before ? flatten(entry.before) : null;
  const after = entry.after ? flatten(entry.after) : null;
  const fields = [...new Set([...(after?.keys() ?? []), ...(before?.keys() ?? [])])];
  return fields.map((field) => {
    const b = before ? (before.has(field) ? before.get(field) : ABSENT) : ABSENT;
    const a = after ? (after.has(field) ? after.get(field) : ABSENT) : ABSENT;
    return {
      field,
      before: b === ABSENT ? null : b,
      after: a === ABSENT ? null : a,
      beforeAbsent: b === ABSENT,
      afterAbsent: a === ABSENT,
    };
  });
}

/** What the entry records: both sides of a change, or only the values of a creation / a deletion. */
export function changeKind(entry: Pick<AuditEntry, 'before' | 'after'>): 'changed' | 'created' | 'deleted' {
  if (!entry.before && entry.after) return 'created';
  if (entry.before && !entry.after) return 'deleted';
  return 'changed';
}

/**
 * The `[from, to)` times of a local date range (`YYYY-MM-DD` from date inputs) as ISO strings: from
 * the first day's midnight to the midnight after the last day, in the browser's time zone.
 */
export function dayRange(from: string, to: string): { from: string | null; to: string | null } {
  const start = from ? new Date(`${from}T00:00:00`) : null;
  const end = to ? new Date(`${to}T00:00:00`) : null;
  end?.setDate(end.getDate() + 1);
  const iso = (date: Date | null) => (date && !Number.isNaN(date.getTime()) ? date.toISOString() : null);
  return { from: iso(start), to: iso(end) };
}
