import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CallRecordView } from '@webcall/contracts';
import type { Observable } from 'rxjs';

export const CALLS_PAGE_SIZE = 20;

export interface CallPage {
  items: CallRecordView[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/voicemails` (apps/api/src/calls/calls.service.ts). */
export interface VoicemailView {
  id: number;
  mailbox: string;
  callerNumber: string;
  durationMs: number;
  createdAt: string;
  heardAt: string | null;
  callId: number | null;
}

/** Call history and voicemail endpoints (F22). */
@Injectable({ providedIn: 'root' })
export class CallsApi {
  private readonly http = inject(HttpClient);

  list(page: number): Observable<CallPage> {
    const params = new HttpParams().set('page', page).set('pageSize', CALLS_PAGE_SIZE);
    return this.http.get<CallPage>('/api/calls', { params });
  }

  voicemails(): Observable<VoicemailView[]> {
    return this.http.get<VoicemailView[]>('/api/voicemails');
  }

  /** The message as WAV; the bearer token rides on the request, so no plain `<audio src>`. Marks it heard. */
  audio(id: number): Observable<Blob> {
    return this.http.get(`/api/voicemails/${id}/audio`, { responseType: 'blob' });
  }

  /** The call's recorded conversation as WAV. */
  recording(callId: number): Observable<Blob> {
    return this.http.get(`/api/calls/${callId}/recording`, { responseType: 'blob' });
  }
}

/** 83 450 ms → "1:23"; over an hour "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function between(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return new Date(to).getTime() - new Date(from).getTime();
}
