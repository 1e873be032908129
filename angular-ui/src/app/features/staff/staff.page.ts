import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  PRESENCE_CHOICES,
  type PresenceChoice,
  type PresenceEntry,
  type PresenceState,
} from '@webcall/contracts';
import {
  EMPTY,
  Subject,
  catchError,
  concatMap,
  distinctUntilChanged,
  exhaustMap,
  fromEvent,
  map,
  of,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { type ApiFailure, toApiFailure } from '../../core/auth/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../core/i18n/vi';
import { WebPhoneService } from '../../core/phone/webphone.service';
import { Icon } from '../../shell/icon';
import { apiMessage } from '../../shared/api-message';
import type { Message } from '../auth/form-support';
import { MessagePipe } from '../auth/message.pipe';
import { PresenceApi } from './presence-api';
import { PresenceBadge } from './presence-badge';

/** Until live push exists, the list is fetched this often while the page is visible. */
export const PRESENCE_POLL_MS = 3000;

type Notice = { kind: 'success' | 'error'; message: Message };

/** Lower case without Vietnamese diacritics, so "tran" finds "Trần" and "đức" finds "Duc". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().trim();
}

function isChoice(state: PresenceState): state is PresenceChoice {
  return (PRESENCE_CHOICES as readonly string[]).includes(state);
}

/**
 * Staff (F29): colleagues with their live presence, refreshed every few seconds while the tab is
 * visible; click a name (or Call) to call them from the webphone. The signed-in user picks their
 * own presence (available, do not disturb, away) here too.
 */
@Component({
  selector: 'wc-staff-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, PresenceBadge],
  templateUrl: './staff.page.html',
  styleUrls: ['../../shared/list-page.css', './staff.page.css'],
})
export default class StaffPage {
  private readonly api = inject(PresenceApi);
  private readonly auth = inject(AuthService);
  private readonly webphone = inject(WebPhoneService);
  private readonly document = inject(DOCUMENT);

  protected readonly choices = PRESENCE_CHOICES;
  protected readonly selfId = computed(() => this.auth.user()?.id ?? null);

  private readonly entries = signal<PresenceEntry[] | null>(null);
  private readonly failure = signal<ApiFailure | null>(null);
  private readonly refreshes = new Subject<void>();
  protected readonly loadError = computed(() => {
    const failure = this.failure();
    return failure ? apiMessage(failure) : null;
  });

  protected readonly searchText = signal('');
  private readonly search = computed(() => fold(this.searchText()));
  protected readonly activeSearch = computed(() => this.searchText().trim());
  protected readonly shown = computed(() => {
    const all = this.entries() ?? [];
    const search = this.search();
    if (!search) return all;
    return all.filter((e) => fold(e.fullName).includes(search) || e.extension.includes(search));
  });
  protected readonly total = computed(() => this.entries()?.length ?? 0);
  protected readonly online = computed(
    () => (this.entries() ?? []).filter((e) => e.state !== 'offline').length,
  );

  protected readonly me = computed(() => this.entries()?.find((e) => e.userId === this.selfId()) ?? null);
  /**
   * What the user last chose (seen in the list or set here); the live state hides it while
   * offline, ringing or on a call.
   */
  private readonly chosen = signal<PresenceChoice | null>(null);
  protected readonly myChoice = computed(() => {
    const state = this.me()?.state;
    return state && isChoice(state) ? state : this.chosen();
  });
  /** The choice on its way to the API; the radios show it meanwhile. */
  private readonly myPending = signal<PresenceChoice | null>(null);
  protected readonly shownChoice = computed(() => this.myPending() ?? this.myChoice());
  private readonly myChoices = new Subject<PresenceChoice>();

  protected readonly notice = signal<Notice | null>(null);
  protected readonly callingId = signal<number | null>(null);

  constructor() {
    const visibility = fromEvent(this.document, 'visibilitychange').pipe(
      startWith(null),
      map(() => this.document.visibilityState !== 'hidden'),
      distinctUntilChanged(),
    );
    // While visible: fetch now, then every few seconds (skipping a beat while one is in flight);
    // a refresh request drops the request in flight (it may predate a change) and restarts the
    // clock. Hidden: nothing at all.
    const poll = timer(0, PRESENCE_POLL_MS).pipe(
      exhaustMap(() =>
        this.api.list().pipe(
          map((value) => ({ value }) as const),
          catchError((error: unknown) => of({ error: toApiFailure(error) } as const)),
        ),
      ),
    );
    visibility
      .pipe(
        switchMap((visible) =>
          visible
            ? this.refreshes.pipe(
                startWith(undefined),
                switchMap(() => poll),
              )
            : EMPTY,
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if ('value' in result) {
          this.entries.set(result.value);
          this.failure.set(null);
          // Remembered, so the choice stays shown while a call or ringing hides it.
          const mine = result.value.find((e) => e.userId === this.selfId())?.state;
          if (mine && isChoice(mine)) this.chosen.set(mine);
        } else {
          this.failure.set(result.error);
        }
      });

    this.myChoices
      .pipe(
        concatMap((choice) =>
          this.api.setMine(choice).pipe(
            map(() => ({ choice }) as const),
            catchError((error: unknown) => of({ choice, error: toApiFailure(error) } as const)),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (result.choice !== this.myPending()) return; // a later choice is still on its way
        this.myPending.set(null);
        if ('error' in result) {
          this.notice.set({ kind: 'error', message: apiMessage(result.error) });
          return;
        }
        this.chosen.set(result.choice);
        // Shown at once; the next poll confirms (or shows offline / on a call).
        this.entries.update(
          (all) =>
            all?.map((e) =>
              e.userId === this.selfId() && isChoice(e.state) ? { ...e, state: result.choice } : e,
            ) ?? null,
        );
        this.refresh();
      });
  }

  protected refresh(): void {
    this.refreshes.next();
  }

  protected clearSearch(): void {
    this.searchText.set('');
  }

  protected stateKey(state: PresenceState): TranslationKey {
    return `staff.state.${state}`;
  }

  /** Why a colleague cannot be called now, or null when they can. */
  protected callBlock(entry: PresenceEntry): Message | null {
    if (entry.userId === this.selfId()) return { key: 'staff.call.self' };
    if (entry.state === 'offline') return { key: 'staff.call.offline', params: { name: entry.fullName } };
    return null;
  }

  protected async call(entry: PresenceEntry): Promise<void> {
    if (this.callBlock(entry) || this.callingId() !== null) return;
    this.notice.set(null);
    this.callingId.set(entry.userId);
    try {
      await this.webphone.call(entry.extension);
    } catch {
      // The webphone reports its own troubles in its panel; this covers anything it lets through.
      this.notice.set({
        kind: 'error',
        message: { key: 'staff.call.failed', params: { name: entry.fullName } },
      });
    } finally {
      this.callingId.set(null);
    }
  }

  /** Radios change at once; the requests go out one after the other, so the last choice wins. */
  protected setMine(choice: PresenceChoice): void {
    this.notice.set(null);
    this.myPending.set(choice);
    this.myChoices.next(choice);
  }

  protected initials(name: string): string {
    const words = name.trim().split(/\s+/);
    const letters =
      words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '').slice(0, 2);
    return letters.toUpperCase();
  }
}
