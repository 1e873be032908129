import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PROMPT_UPLOAD_LIMITS, type PromptPage, type PromptView } from '@webcall/contracts';
import type { Observable } from 'rxjs';

export const PROMPTS_PAGE_SIZE = 20;
/** The API's own limit, checked before sending 10 MB for nothing. */
export const MAX_PROMPT_BYTES = PROMPT_UPLOAD_LIMITS.maxBytes;
/** What the file picker offers; the API checks the content itself. */
export const PROMPT_ACCEPT = '.wav,.mp3,.ogg,.oga,.opus,.m4a,.aac,.webm,audio/*';
const ACCEPTED_TYPES = new Set([
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/vnd.wave',
  'audio/mpeg',
  'audio/mp3',
  'audio/mpeg3',
  'audio/ogg',
  'application/ogg',
  'audio/opus',
  'audio/vorbis',
  'audio/mp4',
  'audio/x-m4a',
  'audio/m4a',
  'audio/aac',
  'audio/x-aac',
  'audio/webm',
  'video/webm',
]);

/** The client-side check of a picked file: null when it may be sent. */
export function precheckFile(file: File): 'type' | 'size' | 'empty' | null {
  const type = file.type.split(';')[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_PROMPT_BYTES) return 'size';
  return null;
}

export interface NewPrompt {
  name: string;
  language: string | null;
  file: Blob;
  fileName: string;
  source: 'upload' | 'recording';
}

/** The prompt endpoints (`libs/contracts/src/routing.ts`, F18). */
@Injectable({ providedIn: 'root' })
export class PromptsApi {
  private readonly http = inject(HttpClient);

  list(query: { search: string; page: number }): Observable<PromptPage> {
    let params = new HttpParams().set('page', query.page).set('pageSize', PROMPTS_PAGE_SIZE);
    if (query.search) params = params.set('search', query.search);
    return this.http.get<PromptPage>('/api/prompts', { params });
  }

  create(input: NewPrompt): Observable<PromptView> {
    const form = new FormData();
    form.set('name', input.name);
    if (input.language) form.set('language', input.language);
    form.set('source', input.source);
    form.set('file', input.file, input.fileName);
    return this.http.post<PromptView>('/api/prompts', form);
  }

  rename(id: number, name: string): Observable<PromptView> {
    return this.http.patch<PromptView>(`/api/prompts/${id}`, { name });
  }

  remove(id: number): Observable<unknown> {
    return this.http.delete(`/api/prompts/${id}`);
  }

  /** The converted wav (the bearer token rides on the request, so no plain `<audio src>`). */
  audio(prompt: PromptView): Observable<Blob> {
    return this.http.get(prompt.audioUrl, { responseType: 'blob' });
  }
}

/** 83 450 ms → "1:23". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
