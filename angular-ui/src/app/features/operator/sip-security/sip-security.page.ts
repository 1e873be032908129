import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { SipBlock } from '@webcall/contracts';
import {
  EMPTY,
  Subject,
  catchError,
  distinctUntilChanged,
  exhaustMap,
  fromEvent,
  map,
  of,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { type ApiFailure, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../core/i18n/translation.service';
import { apiMessage } from '../../../shared/api-message';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { timeUntil } from '../../../shared/relative-time';
import { Icon } from '../../../shell/icon';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { LiftDialog, type LiftOutcome } from './lift-dialog';
import { SipBlocksApi } from './sip-blocks.api';

/** Blocks start and end on their own (the API's sweep): the list is fetched again this often. */
const REFRESH_MS = 10_000;
/** The "in 12 min" labels move on between fetches. */
const CLOCK_MS = 1_000;

/**
 * SIP security for operators: the source addresses blocked after repeated failed SIP
 * authentications (newest first), kept fresh while the page is visible, each with "Lift block".
 */
@Component({
  selector: 'wc-sip-security-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, LocalDatePipe, Icon, LiftDialog],
  templateUrl: './sip-security.page.html',
  styleUrls: ['../../../shared/list-page.css', './sip-security.page.css'],
})
export default class SipSecurityPage {
  private readonly api = inject(SipBlocksApi);
  private readonly i18n = inject(TranslationService);
  private readonly document = inject(DOCUMENT);
  private readonly refreshes = new Subject<void>();

  protected readonly refreshSeconds = REFRESH_MS / 1000;
  /** The last list received; kept while the next one loads or when it fails. */
  private readonly blocks = signal<SipBlock[] | null>(null);
  /** A refresh asked for on the page is under way (its button shows it; the 10 s ones are quiet). */
  protected readonly refreshing = signal(false);
  private readonly failure = signal<ApiFailure | null>(null);
  /** When the shown list was received (ISO). */
  protected readonly updatedAt = signal<string | null>(null);
  private readonly now = signal(Date.now());

  protected readonly rows = computed(() => {
    const blocks = this.blocks();
    return blocks && [...blocks].sort((a, b) => Date.parse(b.blockedAt) - Date.parse(a.blockedAt));
  });
  protected readonly loadError = computed(() => {
    const failure = this.failure();
    return failure ? apiMessage(failure) : null;
  });

  /** The block whose lift is being confirmed. */
  protected readonly confirming = signal<SipBlock | null>(null);
  /** Outcome of the last lift, above the table. */
  protected readonly notice = signal<{ ok: boolean; message: Message } | null>(null);

  constructor() {
    const visible = fromEvent(this.document, 'visibilitychange').pipe(
      startWith(null),
      map(() => this.document.visibilityState !== 'hidden'),
      distinctUntilChanged(),
    );
    // While visible: fetch now, then every REFRESH_MS (skipping a beat while one is in flight). A
    // refresh request drops the request in flight (it may predate a lift) and restarts the clock.
    const poll = timer(0, REFRESH_MS).pipe(
      exhaustMap(() =>
        this.api.list().pipe(
          map((value) => ({ value }) as const),
          catchError((error: unknown) => of({ error: toApiFailure(error) } as const)),
        ),
      ),
    );
    visible
      .pipe(
        switchMap((isVisible) =>
          isVisible
            ? this.refreshes.pipe(
                startWith(undefined),
                switchMap(() => poll),
              )
            : EMPTY,
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.now.set(Date.now());
        this.refreshing.set(false);
        if ('value' in result) {
          this.blocks.set(result.value);
          this.failure.set(null);
          this.updatedAt.set(new Date().toISOString());
        } else {
          this.failure.set(result.error);
        }
      });

    timer(CLOCK_MS, CLOCK_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.now.set(Date.now()));
  }

  protected refresh(): void {
    this.refreshing.set(true);
    this.refreshes.next();
  }

  /** "in 12 min"; once passed, the block only waits for the API's next sweep. */
  protected remaining(block: SipBlock): string {
    return timeUntil(block.blockedUntil, this.now(), this.i18n.lang()) ?? this.i18n.t('sipSecurity.ending');
  }

  protected openLift(block: SipBlock): void {
    this.notice.set(null);
    this.confirming.set(block);
  }

  protected closeDialog(): void {
    this.confirming.set(null);
  }

  protected onLifted({ address, alreadyGone }: LiftOutcome): void {
    this.confirming.set(null);
    this.blocks.update((blocks) => blocks && blocks.filter((block) => block.address !== address));
    this.notice.set({
      ok: true,
      message: {
        key: alreadyGone ? 'sipSecurity.notice.gone' : 'sipSecurity.notice.lifted',
        params: { address },
      },
    });
    this.refreshes.next();
  }
}
