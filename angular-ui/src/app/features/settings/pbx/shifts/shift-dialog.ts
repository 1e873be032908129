import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { FlowView } from '@webcall/contracts';
import type { FlowGraph, OpeningPeriod, ShiftNode } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { DestinationPicker } from '../shared/destination-picker';
import { WEEK_ORDER, type PlacedProblem, dayKey, placeProblems } from '../shared/describe';
import { FlowStore } from '../shared/flow-store';
import {
  DEFAULT_TIME_ZONE,
  type Dest,
  cloneGraph,
  destOf,
  fieldMatches,
  materialise,
  newNodeId,
  withNode,
} from '../shared/graph';

interface Exception {
  date: string;
  periods: { start: string; end: string }[];
}

const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [DEFAULT_TIME_ZONE, 'UTC'];
  }
})();

/**
 * Add or edit a work shift (F14): name, time zone, weekly periods (several a day), holidays,
 * exception dates with their own periods, and where calls go in and out of hours. Saving PATCHes
 * the whole draft; problems come back at their fields (`schedule.weekly.3` → that period).
 */
@Component({
  selector: 'wc-shift-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon, DestinationPicker],
  styleUrls: ['../../users/users.css', '../shared/pbx.css'],
  host: { class: 'wide-modal' },
  templateUrl: './shift-dialog.html',
  styles: `
    .week {
      display: grid;
      gap: 0;
      border: 1px solid var(--border);
      border-radius: 10px;
      overflow: hidden;
    }
    .day {
      display: grid;
      grid-template-columns: 92px minmax(0, 1fr) auto;
      align-items: center;
      gap: 8px 12px;
      min-height: 48px;
      padding: 7px 12px;
      border-bottom: 1px solid var(--border);
    }
    .day:last-child {
      border-bottom: 0;
    }
    .day.weekend {
      background: #fafbfc;
    }
    .day-name {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .periods {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 10px;
    }
    .period {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 2px 2px 6px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
    }
    .period.bad {
      border-color: var(--err-dot);
      background: #fffafa;
    }
    .period .time {
      width: 62px;
      height: 30px;
      border: 0;
      background: transparent;
      box-shadow: none;
    }
    .closed {
      color: var(--muted);
      font-size: 0.8125rem;
      font-style: italic;
    }
    .icon-btn.sm {
      width: 28px;
      height: 28px;
      --icon-size: 14px;
    }
    .add-line {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .add-line .input {
      width: 180px;
    }
    .exception {
      display: grid;
      grid-template-columns: 170px minmax(0, 1fr) auto;
      align-items: center;
      gap: 8px 12px;
      padding: 8px 12px;
      border: 1px solid var(--border);
      border-radius: 10px;
    }
    .dests {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
    }
    @media (max-width: 640px) {
      .day,
      .exception {
        grid-template-columns: minmax(0, 1fr);
      }
      .dests {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class ShiftDialog implements OnInit {
  protected readonly store = inject(FlowStore);
  private readonly document = inject(DOCUMENT);

  /** The shift to edit; null to add one. */
  readonly node = input<ShiftNode | null>(null);
  readonly graph = input.required<FlowGraph>();
  /** A field to bring into view on open (a problem link). */
  readonly focusField = input<string | null>(null);
  readonly saved = output<FlowView>();
  readonly dismiss = output<void>();

  protected readonly week = WEEK_ORDER;
  protected readonly dayKey = dayKey;

  protected readonly id = signal('');
  protected readonly label = signal('');
  protected readonly timeZone = signal(DEFAULT_TIME_ZONE);
  protected readonly weekly = signal<OpeningPeriod[]>([]);
  protected readonly holidays = signal<string[]>([]);
  protected readonly exceptions = signal<Exception[]>([]);
  protected readonly inHours = signal<Dest>({ kind: 'none' });
  protected readonly outOfHours = signal<Dest>({ kind: 'none' });
  protected readonly newHoliday = signal('');
  /** The browser's zones (Chromium names Ho Chi Minh `Asia/Saigon`): the shift's own is always listed. */
  protected readonly timeZones = computed(() =>
    TIME_ZONES.includes(this.timeZone()) ? TIME_ZONES : [this.timeZone(), ...TIME_ZONES],
  );

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly problems = signal<PlacedProblem[]>([]);
  /** Problems of this shift, shown at their fields. */
  private readonly mine = computed(() => this.problems().filter((p) => p.ownerId === this.id()));
  /** Problems elsewhere in the flow that stopped the save. */
  protected readonly others = computed(() => this.problems().filter((p) => p.ownerId !== this.id()));

  constructor() {
    afterNextRender(() => {
      const field = this.focusField();
      if (field) this.reveal(field);
    });
  }

  ngOnInit(): void {
    const node = this.node();
    const graph = this.graph();
    if (!node) {
      this.id.set(newNodeId(graph, 'shift'));
      return;
    }
    this.id.set(node.id);
    this.label.set(node.label ?? '');
    this.timeZone.set(node.schedule?.timeZone || DEFAULT_TIME_ZONE);
    this.weekly.set((node.schedule?.weekly ?? []).map((p) => ({ ...p })));
    this.holidays.set([...(node.schedule?.holidays ?? [])]);
    this.exceptions.set(
      (node.schedule?.exceptions ?? []).map((e) => ({
        date: e.date,
        periods: e.periods.map((p) => ({ ...p })),
      })),
    );
    this.inHours.set(destOf(graph, node.inHours));
    this.outOfHours.set(destOf(graph, node.outOfHours));
  }

  protected messagesAt(field: string, exact = false): Message[] {
    return this.mine()
      .filter((p) => (exact ? p.ownerField === field : fieldMatches(p.ownerField, field)))
      .map((p) => p.message);
  }

  protected periodsOf(day: number): { period: OpeningPeriod; index: number }[] {
    return this.weekly()
      .map((period, index) => ({ period, index }))
      .filter((p) => p.period.day === day);
  }

  protected addPeriod(day: number): void {
    const last = this.periodsOf(day).at(-1)?.period;
    const period = last
      ? { day, start: last.end === '24:00' ? '23:00' : last.end, end: '24:00' }
      : { day, start: '08:00', end: '17:00' };
    this.weekly.update((list) => [...list, period]);
  }

  protected setPeriod(index: number, change: Partial<OpeningPeriod>): void {
    this.weekly.update((list) => list.map((p, i) => (i === index ? { ...p, ...change } : p)));
  }

  protected removePeriod(index: number): void {
    this.weekly.update((list) => list.filter((_, i) => i !== index));
  }

  /** Office hours (Mon–Fri 08:00–12:00, 13:30–17:30), round the clock, or nothing. */
  protected preset(kind: 'office' | 'always' | 'clear'): void {
    if (kind === 'clear') return this.weekly.set([]);
    if (kind === 'always')
      return this.weekly.set(WEEK_ORDER.map((day) => ({ day, start: '00:00', end: '24:00' })));
    this.weekly.set(
      [1, 2, 3, 4, 5].flatMap((day) => [
        { day, start: '08:00', end: '12:00' },
        { day, start: '13:30', end: '17:30' },
      ]),
    );
  }

  protected addHoliday(): void {
    const date = this.newHoliday();
    if (!date || this.holidays().includes(date)) return;
    this.holidays.update((list) => [...list, date].sort());
    this.newHoliday.set('');
  }

  protected removeHoliday(index: number): void {
    this.holidays.update((list) => list.filter((_, i) => i !== index));
  }

  protected addException(): void {
    this.exceptions.update((list) => [...list, { date: '', periods: [] }]);
  }

  protected setException(index: number, date: string): void {
    this.exceptions.update((list) => list.map((e, i) => (i === index ? { ...e, date } : e)));
  }

  protected removeException(index: number): void {
    this.exceptions.update((list) => list.filter((_, i) => i !== index));
  }

  protected addExceptionPeriod(index: number): void {
    this.exceptions.update((list) =>
      list.map((e, i) =>
        i === index ? { ...e, periods: [...e.periods, { start: '08:00', end: '12:00' }] } : e,
      ),
    );
  }

  protected setExceptionPeriod(index: number, j: number, change: { start?: string; end?: string }): void {
    this.exceptions.update((list) =>
      list.map((e, i) =>
        i === index ? { ...e, periods: e.periods.map((p, k) => (k === j ? { ...p, ...change } : p)) } : e,
      ),
    );
  }

  protected removeExceptionPeriod(index: number, j: number): void {
    this.exceptions.update((list) =>
      list.map((e, i) => (i === index ? { ...e, periods: e.periods.filter((_, k) => k !== j) } : e)),
    );
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    const label = this.label().trim();
    if (!label) {
      this.problems.set([
        {
          nodeId: this.id(),
          field: 'label',
          code: 'required',
          message: { key: 'pbx.shift.nameRequired' },
          ownerId: this.id(),
          ownerField: 'label',
        },
      ]);
      this.reveal('label');
      return;
    }
    const graph = cloneGraph(this.graph());
    const node: ShiftNode = {
      id: this.id(),
      type: 'shift',
      label,
      schedule: {
        timeZone: this.timeZone(),
        weekly: this.weekly().map((p) => ({ day: p.day, start: p.start.trim(), end: p.end.trim() })),
        holidays: this.holidays(),
        exceptions: this.exceptions().map((e) => ({
          date: e.date,
          periods: e.periods.map((p) => ({ start: p.start.trim(), end: p.end.trim() })),
        })),
      },
      inHours: materialise(graph, this.inHours()) ?? '',
      outOfHours: materialise(graph, this.outOfHours()) ?? '',
    };
    const draft = withNode(graph, node);
    this.pending.set(true);
    const result = await this.store.saveDraft(draft);
    this.pending.set(false);
    if (result.ok) {
      this.saved.emit(result.flow);
      return;
    }
    this.problems.set(placeProblems(draft, result.problems));
    this.error.set(result.message ?? (this.others().length ? { key: 'pbx.save.otherProblems' } : null));
    const first = this.mine()[0];
    if (first) this.reveal(first.ownerField);
  }

  /** Scrolls to and focuses the control of `field` (`schedule.weekly.2` → that period). */
  private reveal(field: string): void {
    setTimeout(() => {
      const el =
        this.document.getElementById(`shift-${field.replaceAll('.', '-')}`) ??
        this.document.getElementById(`shift-${field.split('.').slice(0, 2).join('-')}`);
      el?.scrollIntoView({ block: 'center' });
      if (el instanceof HTMLElement) el.focus();
    });
  }
}
