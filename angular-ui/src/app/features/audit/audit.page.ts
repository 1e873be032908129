import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@webcall/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationService } from '../../core/i18n/translation.service';
import type { TranslationKey } from '../../core/i18n/vi';
import { apiMessage } from '../../shared/api-message';
import { listLoader } from '../../shared/list-loader';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { Pager } from '../../shared/pager';
import { Icon } from '../../shell/icon';
import { MessagePipe } from '../auth/message.pipe';
import { AuditApi } from './audit.api';
import { type FieldChange, changeKind, dayRange, fieldChanges } from './audit-changes';

const PAGE_SIZE = 50;

/** A readable label per action; a new action in the contracts fails compilation here until named. */
const ACTION_LABELS: Record<AuditAction, TranslationKey> = {
  'user.invite': 'audit.action.user.invite',
  'user.update': 'audit.action.user.update',
  'user.delete': 'audit.action.user.delete',
  'user.invitation_resent': 'audit.action.user.invitation_resent',
  'group.create': 'audit.action.group.create',
  'group.update': 'audit.action.group.update',
  'group.delete': 'audit.action.group.delete',
  'tenant.create': 'audit.action.tenant.create',
  'tenant.update': 'audit.action.tenant.update',
  'tenant.suspend': 'audit.action.tenant.suspend',
  'tenant.reactivate': 'audit.action.tenant.reactivate',
  'sip_block.lift': 'audit.action.sip_block.lift',
  'ip_phone.create': 'audit.action.ip_phone.create',
  'ip_phone.update': 'audit.action.ip_phone.update',
  'ip_phone.delete': 'audit.action.ip_phone.delete',
  'ip_phone.provisioning_key_regenerate': 'audit.action.ip_phone.provisioning_key_regenerate',
  'prompt.create': 'audit.action.prompt.create',
  'prompt.rename': 'audit.action.prompt.rename',
  'prompt.delete': 'audit.action.prompt.delete',
  'trunk.create': 'audit.action.trunk.create',
  'trunk.update': 'audit.action.trunk.update',
  'trunk.delete': 'audit.action.trunk.delete',
  'hotline.request': 'audit.action.hotline.request',
  'hotline.create': 'audit.action.hotline.create',
  'hotline.update': 'audit.action.hotline.update',
  'hotline.status': 'audit.action.hotline.status',
  'hotline.delete': 'audit.action.hotline.delete',
  'flow.create': 'audit.action.flow.create',
  'flow.update': 'audit.action.flow.update',
  'flow.delete': 'audit.action.flow.delete',
  'flow.publish': 'audit.action.flow.publish',
  'queue.create': 'audit.action.queue.create',
  'queue.update': 'audit.action.queue.update',
  'queue.delete': 'audit.action.queue.delete',
  'pause_reason.create': 'audit.action.pause_reason.create',
  'pause_reason.update': 'audit.action.pause_reason.update',
  'pause_reason.delete': 'audit.action.pause_reason.delete',
  'moh_class.create': 'audit.action.moh_class.create',
  'moh_class.update': 'audit.action.moh_class.update',
  'moh_class.delete': 'audit.action.moh_class.delete',
  'queue_callback.cancel': 'audit.action.queue_callback.cancel',
  'queue_settings.update': 'audit.action.queue_settings.update',
};

/**
 * The audit log (newest first, 50 a page): a tenant admin's view at `/settings/audit`, the
 * operators' platform view at `/operator/audit` — the API picks the entries by the caller's role,
 * the route picks the heading. Each entry can unfold its changed fields, before → after.
 */
@Component({
  selector: 'wc-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, LocalDatePipe, Icon, Pager],
  templateUrl: './audit.page.html',
  styleUrls: ['../../shared/list-page.css', './audit.page.css'],
})
export default class AuditPage {
  private readonly api = inject(AuditApi);
  private readonly i18n = inject(TranslationService);

  /** Route data, bound by `withComponentInputBinding`. */
  readonly titleKey = input.required<TranslationKey>();
  readonly descKey = input.required<TranslationKey>();
  readonly sectionKey = input<TranslationKey>();

  protected readonly actions = AUDIT_ACTIONS.map((action) => ({ action, labelKey: ACTION_LABELS[action] }));
  protected readonly action = signal<AuditAction | ''>('');
  protected readonly fromDate = signal('');
  protected readonly toDate = signal('');
  protected readonly badRange = computed(
    () => !!this.fromDate() && !!this.toDate() && this.fromDate() > this.toDate(),
  );
  protected readonly filtered = computed(() => !!this.action() || !!this.fromDate() || !!this.toDate());
  /** Dates only apply as a valid range; an inverted one is pointed out instead. */
  private readonly range = computed(() =>
    this.badRange() ? { from: null, to: null } : dayRange(this.fromDate(), this.toDate()),
  );
  protected readonly page = linkedSignal({
    source: () => [this.action(), this.range()] as const,
    computation: () => 1,
  });
  protected readonly pageSize = PAGE_SIZE;

  protected readonly list = listLoader(
    computed(() => ({
      page: this.page(),
      pageSize: PAGE_SIZE,
      action: this.action() || null,
      ...this.range(),
    })),
    (query) => this.api.list(query),
  );
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure ? apiMessage(failure) : null;
  });

  /** Ids of the entries whose changes are unfolded. */
  protected readonly expanded = signal<ReadonlySet<number>>(new Set());

  protected onAction(event: Event): void {
    this.action.set((event.target as HTMLSelectElement).value as AuditAction | '');
  }

  protected onFrom(event: Event): void {
    this.fromDate.set((event.target as HTMLInputElement).value);
  }

  protected onTo(event: Event): void {
    this.toDate.set((event.target as HTMLInputElement).value);
  }

  protected clearFilters(): void {
    this.action.set('');
    this.fromDate.set('');
    this.toDate.set('');
  }

  protected toggle(id: number): void {
    this.expanded.update((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  protected actionKey(action: AuditAction): TranslationKey {
    return ACTION_LABELS[action];
  }

  /** `user` → "Người dùng"; an unknown type is shown as it is. */
  protected targetType(type: string): string {
    const key = `audit.target.${type}`;
    return this.i18n.has(key) ? this.i18n.t(key) : type;
  }

  protected hasChanges(entry: AuditEntry): boolean {
    return !!entry.before || !!entry.after;
  }

  protected changes(entry: AuditEntry): FieldChange[] {
    return fieldChanges(entry);
  }

  protected kind(entry: AuditEntry): ReturnType<typeof changeKind> {
    return changeKind(entry);
  }

  /** A field's label in the console's language, or its raw name when the console has none. */
  protected fieldLabel(field: string): string {
    const key = `audit.field.${field}`;
    return this.i18n.has(key) ? this.i18n.t(key) : field;
  }

  /** A recorded JSON value as a person reads it; null when it is empty. */
  protected value(field: string, value: unknown): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (Array.isArray(value)) return value.length ? value.map((item) => this.scalar(item)).join(', ') : null;
    if (typeof value === 'boolean') return this.i18n.t(value ? 'audit.value.true' : 'audit.value.false');
    if (typeof value === 'string') {
      const enumKey = field === 'status' ? `audit.status.${value}` : field === 'role' ? `role.${value}` : '';
      return enumKey && this.i18n.has(enumKey) ? this.i18n.t(enumKey) : value;
    }
    return this.scalar(value);
  }

  private scalar(value: unknown): string {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }
}
