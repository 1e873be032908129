/** Operator-facing view of the platform's tenants (`/api/tenants`, operators only). */
export type TenantStatus = 'active' | 'suspended';

/** Limits an operator sets per tenant. */
export interface TenantQuotas {
  /** Users that are not deleted (invited, active or disabled). */
  users: number;
  /** Calls of the tenant in progress at once (inbound + outbound). */
  concurrentCalls: number;
  /** Hotline numbers assigned to the tenant. */
  hotlines: number;
}

/**
 * The tenant's outbound toll-fraud guard, set by operators: international and 1900 premium calls
 * are off until allowed; when `prefixes` is not empty only national numbers starting with one of
 * them may be called. Emergency numbers are always allowed.
 */
export interface TenantOutboundPolicy {
  international: boolean;
  premium: boolean;
  prefixes: string[];
}

/** What the tenant uses now, next to its quotas. */
export interface TenantUsage {
  users: number;
  activeCalls: number;
  hotlines: number;
  /** Calls started in the last 30 days. */
  callsLast30Days: number;
}

export interface Tenant {
  id: number;
  name: string;
  slug: string;
  status: TenantStatus;
  quotas: TenantQuotas;
  outbound: TenantOutboundPolicy;
  usage: TenantUsage;
  /** Email of the first (oldest) admin, for the operator's contact. */
  adminEmail: string | null;
  suspendedAt: string | null;
  suspendReason: string | null;
  createdAt: string;
}

/** `GET /api/tenants?search=&status=&page=&pageSize=` (search: name or slug). */
export interface TenantPage {
  items: Tenant[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * `POST /api/tenants` → 201 Tenant. Creates the tenant and invites its first admin by mail
 * (a set-password link valid 7 days). Taken company name / admin email / phone → 400 field errors.
 */
export interface CreateTenantRequest {
  companyName: string;
  adminFullName: string;
  adminEmail: string;
  adminPhone?: string;
  quotas?: Partial<TenantQuotas>;
}

/** `PATCH /api/tenants/:id` → 200 Tenant. A quota below current usage → 400 `below_usage`. */
export interface UpdateTenantRequest {
  companyName?: string;
  quotas?: Partial<TenantQuotas>;
  outbound?: Partial<TenantOutboundPolicy>;
}

/**
 * `POST /api/tenants/:id/suspend` `{reason?}` → 200 Tenant: its users are signed out, cannot
 * sign in (403 `tenant_suspended`) and its calls are refused. `POST /api/tenants/:id/reactivate`
 * → 200 Tenant undoes it.
 */
export interface SuspendTenantRequest {
  reason?: string;
}
