import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  MohClassView,
  PauseReasonView,
  PromptView,
  QueueCallbackView,
  QueueRequest,
  QueueTenantSettingsView,
  QueueView,
  UserGroup,
  UserPage,
} from '@webcall/contracts';
import type { Observable } from 'rxjs';

/** What a music class request carries (POST, or PATCH with any subset). */
export interface MohClassRequest {
  name?: string;
  promptIds?: number[];
}

/**
 * The queue-group endpoints (`libs/contracts/src/queues.ts`): `/api/queues`, `/api/pause-reasons`,
 * `/api/moh-classes`, `/api/queue-settings`, `/api/queue-callbacks`, and the users, user groups and prompts the dialogs choose from.
 */
@Injectable({ providedIn: 'root' })
export class QueuesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<QueueView[]> {
    return this.http.get<QueueView[]>('/api/queues');
  }

  create(body: QueueRequest): Observable<QueueView> {
    return this.http.post<QueueView>('/api/queues', body);
  }

  update(id: number, body: Partial<QueueRequest>): Observable<QueueView> {
    return this.http.patch<QueueView>(`/api/queues/${id}`, body);
  }

  remove(id: number): Observable<unknown> {
    return this.http.delete(`/api/queues/${id}`);
  }

  pauseReasons(): Observable<PauseReasonView[]> {
    return this.http.get<PauseReasonView[]>('/api/pause-reasons');
  }

  createPauseReason(name: string): Observable<PauseReasonView> {
    return this.http.post<PauseReasonView>('/api/pause-reasons', { name });
  }

  renamePauseReason(id: number, name: string): Observable<PauseReasonView> {
    return this.http.patch<PauseReasonView>(`/api/pause-reasons/${id}`, { name });
  }

  removePauseReason(id: number): Observable<unknown> {
    return this.http.delete(`/api/pause-reasons/${id}`);
  }

  mohClasses(): Observable<MohClassView[]> {
    return this.http.get<MohClassView[]>('/api/moh-classes');
  }

  createMohClass(body: MohClassRequest): Observable<MohClassView> {
    return this.http.post<MohClassView>('/api/moh-classes', body);
  }

  updateMohClass(id: number, body: MohClassRequest): Observable<MohClassView> {
    return this.http.patch<MohClassView>(`/api/moh-classes/${id}`, body);
  }

  removeMohClass(id: number): Observable<unknown> {
    return this.http.delete(`/api/moh-classes/${id}`);
  }

  /** The tenant's settings for all its queues (admins and supervisors read them). */
  settings(): Observable<QueueTenantSettingsView> {
    return this.http.get<QueueTenantSettingsView>('/api/queue-settings');
  }

  /** Admins only. */
  saveSettings(body: Partial<QueueTenantSettingsView>): Observable<QueueTenantSettingsView> {
    return this.http.put<QueueTenantSettingsView>('/api/queue-settings', body);
  }

  /** Callers waiting to be called back (waiting ones first, in line order), then the others. */
  callbacks(): Observable<QueueCallbackView[]> {
    return this.http.get<QueueCallbackView[]>('/api/queue-callbacks');
  }

  cancelCallback(id: number): Observable<unknown> {
    return this.http.delete(`/api/queue-callbacks/${id}`);
  }

  /** Users a member line can name (the first 100, deleted ones excluded by the API). */
  users(): Observable<UserPage> {
    return this.http.get<UserPage>('/api/users', {
      params: new HttpParams().set('page', 1).set('pageSize', 100),
    });
  }

  groups(): Observable<UserGroup[]> {
    return this.http.get<UserGroup[]>('/api/user-groups');
  }

  /** The tenant's prompts a music class is made of (the first 100). */
  prompts(): Observable<{ items: PromptView[]; total: number }> {
    return this.http.get<{ items: PromptView[]; total: number }>('/api/prompts', {
      params: new HttpParams().set('page', 1).set('pageSize', 100),
    });
  }

  /** A prompt's converted audio for the preview (the bearer token rides on the request). */
  audio(prompt: PromptView): Observable<Blob> {
    return this.http.get(prompt.audioUrl, { responseType: 'blob' });
  }
}
