import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  QUEUE_LIMITS,
  type MohClassView,
  type QueueRequest,
  type QueueStrategyId,
  type QueueView,
  type TenantUser,
  type UserGroup,
} from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import {
  DEFAULTS,
  EXIT_KEYS,
  type MemberLine,
  STRATEGIES,
  checkNumber,
  memberKey,
  parseWhole,
  strategyHintKey,
  strategyKey,
} from './queue-support';
import { QueuesApi } from './queues-api';

/** Fields in the order they appear, for focusing the first one in error. */
const FIELD_ORDER = [
  'name',
  'strategy',
  'members',
  'ringTimeoutS',
  'wrapupS',
  'maxWaitS',
  'maxCallers',
  'mohClassId',
  'announceEveryS',
  'exitKey',
  'record',
] as const;
type Field = (typeof FIELD_ORDER)[number];

/**
 * Add or edit a queue group (F15): name, ringing strategy, ordered member lines (users and user
 * groups, each with a penalty), ring timeout and wrap-up, limits (max wait, max callers), music on
 * hold, position announcements, the exit key and recording. Checked here first with the contract's
 * bounds; the API's 400 field errors land on their fields.
 */
@Component({
  selector: 'wc-queue-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon],
  styleUrls: ['../../users/users.css', '../shared/pbx.css', './queue-dialog.css'],
  host: { class: 'wide-modal' },
  templateUrl: './queue-dialog.html',
})
export class QueueDialog implements OnInit {
  private readonly api = inject(QueuesApi);
  private readonly document = inject(DOCUMENT);

  readonly queue = input<QueueView | null>(null);
  readonly users = input<readonly TenantUser[]>([]);
  readonly groups = input<readonly UserGroup[]>([]);
  readonly mohClasses = input<readonly MohClassView[]>([]);
  readonly saved = output<QueueView>();
  readonly dismiss = output<void>();

  protected readonly strategies = STRATEGIES;
  protected readonly strategyKey = strategyKey;
  protected readonly strategyHintKey = strategyHintKey;
  protected readonly exitKeys = EXIT_KEYS;
  protected readonly penalties = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  protected readonly limits = QUEUE_LIMITS;

  protected readonly name = signal('');
  protected readonly strategy = signal<QueueStrategyId>(DEFAULTS.strategy);
  protected readonly members = signal<MemberLine[]>([]);
  protected readonly ringTimeoutS = signal(String(DEFAULTS.ringTimeoutS));
  protected readonly wrapupS = signal(String(DEFAULTS.wrapupS));
  protected readonly maxWaitS = signal('');
  protected readonly maxCallers = signal('');
  protected readonly mohClassId = signal<number | null>(null);
  protected readonly announcePosition = signal(false);
  protected readonly announceEveryS = signal('');
  protected readonly exitKey = signal<string | null>(null);
  protected readonly record = signal(false);
  protected readonly recordNotice = signal(false);

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly errors = signal<Partial<Record<Field, Message>>>({});

  /** Users and groups not yet on a line, for the "add a member" select. */
  protected readonly freeGroups = computed(() => {
    const taken = new Set(this.members().map(memberKey));
    return this.groups().filter((g) => !taken.has(`group:${g.id}`));
  });
  protected readonly freeUsers = computed(() => {
    const taken = new Set(this.members().map(memberKey));
    return this.users().filter((u) => u.status !== 'deleted' && !taken.has(`user:${u.id}`));
  });
  /** The queue's music class, kept even if the list does not hold it (not loaded yet). */
  protected readonly mohOptions = computed(() => {
    const list = this.mohClasses();
    const q = this.queue();
    return q?.mohClassId && !list.some((c) => c.id === q.mohClassId)
      ? [...list, { id: q.mohClassId, name: `#${q.mohClassId}`, promptIds: [] }]
      : list;
  });

  ngOnInit(): void {
    const q = this.queue();
    if (!q) return;
    this.name.set(q.name);
    this.strategy.set(q.strategy);
    this.members.set(q.members.map((m) => ({ kind: m.kind, id: m.id, penalty: m.penalty, name: m.name })));
    this.ringTimeoutS.set(String(q.ringTimeoutS));
    this.wrapupS.set(String(q.wrapupS));
    this.maxWaitS.set(q.maxWaitS === null ? '' : String(q.maxWaitS));
    this.maxCallers.set(q.maxCallers === null ? '' : String(q.maxCallers));
    this.mohClassId.set(q.mohClassId);
    this.announcePosition.set(q.announcePosition);
    this.announceEveryS.set(q.announceEveryS === null ? '' : String(q.announceEveryS));
    this.exitKey.set(q.exitKey);
    this.record.set(q.record);
    this.recordNotice.set(q.recordNotice);
  }

  protected errorAt(field: Field): Message | null {
    return this.errors()[field] ?? null;
  }

  /** Typing in a field clears its error. */
  protected clear(field: Field): void {
    if (this.errors()[field]) {
      this.errors.update((e) => {
        const rest = { ...e };
        delete rest[field];
        return rest;
      });
    }
  }

  protected addMember(value: string): void {
    const [kind, idText] = value.split(':');
    const id = Number(idText);
    if ((kind !== 'user' && kind !== 'group') || !Number.isInteger(id)) return;
    const name =
      kind === 'group'
        ? (this.groups().find((g) => g.id === id)?.name ?? `#${id}`)
        : (this.users().find((u) => u.id === id)?.fullName ?? `#${id}`);
    this.members.update((rows) => [...rows, { kind, id, penalty: 0, name }]);
    this.clear('members');
  }

  protected setPenalty(index: number, text: string): void {
    const penalty = Number(text);
    this.members.update((rows) => rows.map((row, i) => (i === index ? { ...row, penalty } : row)));
    this.clear('members');
  }

  protected move(index: number, by: -1 | 1): void {
    const rows = [...this.members()];
    const to = index + by;
    if (to < 0 || to >= rows.length) return;
    [rows[index], rows[to]] = [rows[to], rows[index]];
    this.members.set(rows);
  }

  protected removeMember(index: number): void {
    this.members.update((rows) => rows.filter((_, i) => i !== index));
    this.clear('members');
  }

  protected agentHint(line: MemberLine): string {
    if (line.kind !== 'group') return '';
    const count = this.groups().find((g) => g.id === line.id)?.memberCount;
    return count === undefined ? '' : String(count);
  }

  /** The request, or the field errors found here. */
  private build(): { body: QueueRequest } | { errors: Partial<Record<Field, Message>> } {
    const errors: Partial<Record<Field, Message>> = {};
    const name = this.name().trim();
    if (!name) errors.name = { key: 'queues.error.nameRequired' };
    else if (name.length > QUEUE_LIMITS.name)
      errors.name = { key: 'auth.error.maxlength', params: { max: QUEUE_LIMITS.name } };
    if (this.members().length > QUEUE_LIMITS.members)
      errors.members = { key: 'queues.error.tooManyMembers', params: { max: QUEUE_LIMITS.members } };
    const numbers = {
      ringTimeoutS: parseWhole(this.ringTimeoutS()),
      wrapupS: parseWhole(this.wrapupS()),
      maxWaitS: parseWhole(this.maxWaitS()),
      maxCallers: parseWhole(this.maxCallers()),
      announceEveryS: this.announcePosition() ? parseWhole(this.announceEveryS()) : null,
    };
    for (const [field, optional] of [
      ['ringTimeoutS', false],
      ['wrapupS', false],
      ['maxWaitS', true],
      ['maxCallers', true],
      ['announceEveryS', true],
    ] as const) {
      const problem = checkNumber(field, numbers[field], optional);
      if (problem) errors[field] = problem;
    }
    if (Object.keys(errors).length) return { errors };
    return {
      body: {
        name,
        strategy: this.strategy(),
        ringTimeoutS: numbers.ringTimeoutS!,
        wrapupS: numbers.wrapupS!,
        maxWaitS: numbers.maxWaitS,
        maxCallers: numbers.maxCallers,
        mohClassId: this.mohClassId(),
        announcePosition: this.announcePosition(),
        announceEveryS: numbers.announceEveryS,
        exitKey: this.exitKey(),
        record: this.record(),
        recordNotice: this.record() && this.recordNotice(),
        members: this.members().map((m) => ({ kind: m.kind, id: m.id, penalty: m.penalty })),
      },
    };
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const built = this.build();
    if ('errors' in built) {
      this.errors.set(built.errors);
      this.focusFirstError();
      return;
    }
    this.errors.set({});
    this.pending.set(true);
    const current = this.queue();
    const request = current ? this.api.update(current.id, built.body) : this.api.create(built.body);
    request.subscribe({
      next: (queue) => {
        this.pending.set(false);
        this.saved.emit(queue);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const fields = failure.status === 400 || failure.status === 409 ? fieldErrors(failure) : [];
        if (fields.length) {
          const placed: Partial<Record<Field, Message>> = {};
          const orphans: string[] = [];
          for (const f of fields) {
            const top = f.field.split('.')[0] as Field;
            if ((FIELD_ORDER as readonly string[]).includes(top)) placed[top] ??= { text: f.message };
            else orphans.push(f.message);
          }
          this.errors.set(placed);
          this.error.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else if (failure.status === 409 && conflictFields(failure).includes('name')) {
          this.errors.set({ name: { key: 'queues.error.nameTaken' } });
        } else {
          this.error.set(apiMessage(failure));
        }
        this.focusFirstError();
      },
    });
  }

  private focusFirstError(): void {
    const first = FIELD_ORDER.find((f) => this.errors()[f]);
    if (!first) return;
    setTimeout(() => {
      const el = this.document.getElementById(`queue-${first}`);
      el?.scrollIntoView({ block: 'center' });
      if (el instanceof HTMLElement) el.focus();
    });
  }
}
