import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { PresenceChoice, PresenceEntry, UpdatePresenceRequest } from '@webcall/contracts';
import type { Observable } from 'rxjs';

/** Presence of the tenant's staff (F29, `libs/contracts/src/devices.ts`). */
@Injectable({ providedIn: 'root' })
export class PresenceApi {
  private readonly http = inject(HttpClient);

  /** Active users with an extension, by name, with their live state. */
  list(): Observable<PresenceEntry[]> {
    return this.http.get<PresenceEntry[]>('/api/presence');
  }

  /** 204; do-not-disturb users are not rung by internal calls. */
  setMine(state: PresenceChoice): Observable<unknown> {
    const request: UpdatePresenceRequest = { state };
    return this.http.put('/api/me/presence', request);
  }
}
