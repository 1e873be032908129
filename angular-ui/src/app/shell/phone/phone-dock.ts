import { Injectable, signal } from '@angular/core';

/** Whether the docked phone panel is open; shared by the top-bar button and the panel. */
@Injectable({ providedIn: 'root' })
export class PhoneDock {
  readonly open = signal(false);

  toggle(): void {
    this.open.update((open) => !open);
  }
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(totalS: number): string {
  const s = Math.max(0, Math.floor(totalS));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Vietnamese names put the given name last: "Nguyễn Văn An" → "NA"; digits for a bare number. */
export function initialsOf(name: string | null, fallback: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return fallback.slice(-2) || '?';
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => word.charAt(0).toLocaleUpperCase()).join('');
}
