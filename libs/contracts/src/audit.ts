/**
 * Audit log of administrative actions. Tenant admins read their tenant's entries; operators read
 * the platform's (actions on tenants, `tenantId` null). Entries are never edited or deleted.
 */
export const AUDIT_ACTIONS = [
  'user.invite',
  'user.update',
  'user.delete',
  'user.invitation_resent',
  'group.create',
  'group.update',
  'group.delete',
  'tenant.create',
  'tenant.update',
  'tenant.suspend',
  'tenant.reactivate',
  'sip_block.lift',
  'ip_phone.create',
  'ip_phone.update',
  'ip_phone.delete',
  'ip_phone.provisioning_key_regenerate',
  'prompt.create',
  'prompt.rename',
  'prompt.delete',
  'trunk.create',
  'trunk.update',
  'trunk.delete',
  'hotline.request',
  'hotline.create',
  'hotline.update',
  'hotline.status',
  'hotline.delete',
  'flow.create',
  'flow.update',
  'flow.delete',
  'flow.publish',
  'queue.create',
  'queue.update',
  'queue.delete',
  'pause_reason.create',
  'pause_reason.update',
  'pause_reason.delete',
  'moh_class.create',
  'moh_class.update',
  'moh_class.delete',
  'queue_callback.cancel',
  'queue_settings.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: number;
  /** ISO time of the action. */
  at: string;
  /** Who did it (null only if that account no longer exists). */
  actor: { id: number; email: string; fullName: string } | null;
  /** The tenant whose data changed; null for platform actions of operators. */
  tenantId: number | null;
  action: AuditAction;
  /** `user`, `group` or `tenant`. */
  targetType: string;
  targetId: number;
  /** A readable name of the target at the time (email, group name, company name). */
  targetLabel: string;
  /**
   * Changed fields before and after (secrets never included). A creation has `before` null and
   * the new object in `after`; a deletion the old object in `before` and `after` null.
   */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Client address of the request. */
  ip: string | null;
}

/** `GET /api/audit-log?page=&pageSize=&action=&actorId=&targetType=&from=&to=`, newest first. */
export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}
