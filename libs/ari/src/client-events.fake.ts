import type { AriClient } from './ari-client.js';
import type { AriReconciliation } from './ari-client.options.js';
import type { AriEvent } from './generated/ari-types.js';

export type ClientEvent =
  | { name: 'connected' }
  | { name: 'disconnected'; reason: string }
  | { name: 'reconciled'; snapshot: AriReconciliation }
  | { name: 'event'; event: AriEvent };

/** Records the client's lifecycle events and ARI events in arrival order. */
export function recordClientEvents(client: AriClient): ClientEvent[] {
  const log: ClientEvent[] = [];
  client.on('connected', () => void log.push({ name: 'connected' }));
  client.on('disconnected', (reason) => void log.push({ name: 'disconnected', reason }));
  client.on('reconciled', (snapshot) => void log.push({ name: 'reconciled', snapshot }));
  client.on('event', (event) => void log.push({ name: 'event', event }));
  return log;
}

export function countOf(log: readonly ClientEvent[], name: ClientEvent['name']): number {
  return log.filter((e) => e.name === name).length;
}

/** Timers and sockets the process holds right now, by kind (see process.getActiveResourcesInfo). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
