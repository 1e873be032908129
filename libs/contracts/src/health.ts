/** Status of one dependency as reported by `GET /api/health`. */
export type ComponentStatus = 'up' | 'down';

export interface ComponentHealth {
  status: ComponentStatus;
  /** Round-trip time of the probe, when it answered. */
  latencyMs?: number;
  /** Human-readable reason when down (never secrets). */
  detail?: string;
}

export type HealthComponentName = 'database' | 'ari' | 'ami';

export interface HealthResponse {
  /** `ok` when every component is up, else `degraded`. */
  status: 'ok' | 'degraded';
  version: string;
  checkedAt: string;
  components: Record<HealthComponentName, ComponentHealth>;
}
