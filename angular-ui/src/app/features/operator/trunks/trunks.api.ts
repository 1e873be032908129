import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { TrunkPresetView, TrunkRequest, TrunkView } from '@webcall/contracts';
import type { Observable } from 'rxjs';

/** `/api/trunks` and `/api/trunk-presets` (operators only). */
@Injectable({ providedIn: 'root' })
export class TrunksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<TrunkView[]> {
    return this.http.get<TrunkView[]>('/api/trunks');
  }

  presets(): Observable<TrunkPresetView[]> {
    return this.http.get<TrunkPresetView[]>('/api/trunk-presets');
  }

  create(body: TrunkRequest): Observable<TrunkView> {
    return this.http.post<TrunkView>('/api/trunks', body);
  }

  update(id: number, body: Partial<TrunkRequest>): Observable<TrunkView> {
    return this.http.patch<TrunkView>(`/api/trunks/${id}`, body);
  }

  remove(id: number): Observable<unknown> {
    return this.http.delete(`/api/trunks/${id}`);
  }
}
