import type { ComponentHealth, HealthComponentName, HealthResponse } from '@webcall/contracts';

/** What the console shows: `unknown` until the first answer, `offline` when the API is unreachable. */
export type HealthStatus = 'unknown' | 'ok' | 'degraded' | 'offline';

export type OfflineReason = 'network' | 'timeout' | 'invalid' | 'http';

export interface HealthState {
  status: HealthStatus;
  /** Last body received from `GET /api/health` (also kept while offline, for the version). */
  response?: HealthResponse;
  /** Why the last request failed, when `status` is `offline`. */
  error?: OfflineReason;
  /** HTTP status of the failed request, when `error` is `http`. */
  httpStatus?: number;
  /** When the console received the last answer or failure. */
  receivedAt?: Date;
}

export const HEALTH_COMPONENTS: readonly HealthComponentName[] = ['database', 'ari', 'ami'];

export const INITIAL_HEALTH: HealthState = { status: 'unknown' };

/** A structural check, because a 503 body or a proxy's error page reaches us untyped. */
export function isHealthResponse(value: unknown): value is HealthResponse {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HealthResponse>;
  if (v.status !== 'ok' && v.status !== 'degraded') return false;
  if (typeof v.components !== 'object' || v.components === null) return false;
  return Object.values(v.components).every(isComponentHealth);
}

function isComponentHealth(value: unknown): value is ComponentHealth {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as ComponentHealth).status === 'up' || (value as ComponentHealth).status === 'down')
  );
}

export function downComponents(response: HealthResponse | undefined): HealthComponentName[] {
  if (!response) return [];
  return HEALTH_COMPONENTS.filter((name) => response.components[name]?.status === 'down');
}

/** Maps a health body to the badge state; `degraded` also when a component is down under an `ok`. */
export function stateFromResponse(response: HealthResponse, receivedAt: Date): HealthState {
  const status = response.status === 'ok' && downComponents(response).length === 0 ? 'ok' : 'degraded';
  return { status, response, receivedAt };
}
