import { Injectable, signal } from '@angular/core';

/** How long the result of a call stays on screen before a panel the call opened closes. */
export const CLOSE_AFTER_CALL_MS = 2000;

/**
 * Whether the docked phone panel is open; shared by the top-bar button and the panel. A panel
 * opened by a call closes by itself shortly after the call ends (it would otherwise cover the
 * page); one the user opened stays until they close it.
 */
@Injectable({ providedIn: 'root' })
export class PhoneDock {
  readonly open = signal(false);
  private openedByCall = false;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;

  toggle(): void {
    this.cancelClose();
    this.openedByCall = false;
    this.open.update((open) => !open);
  }

  close(): void {
    this.cancelClose();
    this.open.set(false);
  }

  /** A call started: show it. */
  openForCall(): void {
    this.cancelClose();
    if (!this.open()) this.openedByCall = true;
    this.open.set(true);
  }

  /** The last call ended: close a panel that only the call had opened. */
  callEnded(): void {
    if (!this.openedByCall || !this.open()) return;
    this.cancelClose();
    this.closeTimer = setTimeout(() => {
      this.closeTimer = undefined;
      this.openedByCall = false;
      this.open.set(false);
    }, CLOSE_AFTER_CALL_MS);
  }

  private cancelClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
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
