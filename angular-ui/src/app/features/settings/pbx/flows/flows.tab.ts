import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import type { FlowView } from '@webcall/contracts';
import { firstValueFrom } from 'rxjs';
import { toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../../core/i18n/translation.service';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { LocalDatePipe } from '../../../../shared/local-date.pipe';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { DestinationPicker } from '../shared/destination-picker';
import { type PlacedProblem, describeNode, fieldLabel, placeProblems } from '../shared/describe';
import { FlowStore, type Problem, failureOf, fromServer } from '../shared/flow-store';
import { FlowsApi, type FlowVersionView } from '../shared/flows-api';
import { type Dest, cloneGraph, destOf, materialise, pruneLeaves } from '../shared/graph';
import { FlowNameDialog } from './flow-name-dialog';
import { SimulatePanel } from './simulate-panel';

type Dialog = { kind: 'add' } | { kind: 'rename'; flow: FlowView } | { kind: 'delete'; flow: FlowView };
type Notice = { kind: 'success' | 'error'; message: Message };

/**
 * Call flows (issue 5): the tenant's flows (published version, unpublished changes, hotlines,
 * problems), and for the selected one its entry, Publish with the problems that stop it (each
 * links to its menu or shift and field), the version history and the call simulator.
 */
@Component({
  selector: 'wc-pbx-flows-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslatePipe,
    MessagePipe,
    Icon,
    LocalDatePipe,
    ConfirmDialog,
    DestinationPicker,
    FlowNameDialog,
    SimulatePanel,
  ],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css', '../shared/pbx.css'],
  templateUrl: './flows.tab.html',
  styles: `
    .table td,
    .table th {
      vertical-align: middle;
    }
    .entry {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: start;
      gap: 12px;
      max-width: 760px;
    }
    .entry .btn {
      margin-top: 2px;
    }
    .detail-grid {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr);
      align-items: start;
      gap: 20px;
      margin-top: 20px;
    }
    .detail-grid > .card {
      margin-top: 0;
    }
    .block + .block {
      margin-top: 18px;
      padding-top: 18px;
      border-top: 1px solid var(--border);
    }
    .block h3 {
      margin: 0 0 10px;
      font-size: 0.9375rem;
    }
    .versions {
      display: grid;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .versions li {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 10px 20px;
      border-bottom: 1px solid var(--border);
      font-size: 0.875rem;
    }
    .versions li:last-child {
      border-bottom: 0;
    }
    .versions .badge {
      margin-left: 6px;
      padding: 1px 8px;
    }
    .versions .current {
      background: #f0fdf4;
    }
    .small {
      font-size: 0.8125rem;
    }
    .ok-line {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      color: var(--ok-fg);
      font-weight: 500;
      --icon-size: 18px;
    }
    .problem-owner {
      font-weight: 700;
    }
    @media (max-width: 980px) {
      .detail-grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export default class FlowsTab {
  protected readonly store = inject(FlowStore);
  private readonly api = inject(FlowsApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);

  protected readonly flow = this.store.selected;
  protected readonly graph = this.store.graph;
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly pending = signal<'entry' | 'publish' | 'delete' | null>(null);
  protected readonly deleteError = signal<Message | null>(null);

  /** The entry as edited (reset whenever the saved draft changes). */
  protected readonly entry = linkedSignal<Dest>(() => {
    const g = this.graph();
    return g ? destOf(g, g.entry) : { kind: 'none' };
  });
  protected readonly entryChanged = computed(() => {
    const g = this.graph();
    return !!g && JSON.stringify(this.entry()) !== JSON.stringify(destOf(g, g.entry));
  });
  /** Problems of the last failed entry save or publish (else the draft's own). */
  protected readonly attempt = signal<{ flowId: number; problems: Problem[] } | null>(null);
  protected readonly problems = computed<PlacedProblem[]>(() => {
    const flow = this.flow();
    const g = this.graph();
    if (!flow || !g) return [];
    const tried = this.attempt();
    const list = tried && tried.flowId === flow.id ? tried.problems : flow.problems.map(fromServer);
    return placeProblems(g, list);
  });
  protected readonly entryMessages = computed(() =>
    this.problems()
      .filter((p) => p.ownerId === null)
      .map((p) => p.message),
  );
  protected readonly versions = signal<FlowVersionView[] | null>(null);

  constructor() {
    this.store.start();
    // The problems are worded by the API in the console's language: ask again after a switch.
    let first = true;
    effect(() => {
      this.i18n.lang();
      if (first) first = false;
      else this.store.reload();
    });
    effect(() => {
      const id = this.flow()?.id;
      const version = this.flow()?.publishedVersion;
      this.versions.set(null);
      if (id === undefined) return;
      void version;
      this.api.versions(id).subscribe({
        next: (list) => this.versions.set([...list].sort((a, b) => b.version - a.version)),
        error: () => this.versions.set([]),
      });
    });
  }

  protected select(flow: FlowView): void {
    this.store.select(flow.id);
    this.attempt.set(null);
  }

  protected openAdd(): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'add' });
  }

  protected openRename(flow: FlowView): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'rename', flow });
  }

  protected openDelete(flow: FlowView): void {
    this.notice.set(null);
    this.deleteError.set(null);
    this.dialog.set({ kind: 'delete', flow });
  }

  protected deleting(): FlowView | null {
    const d = this.dialog();
    return d?.kind === 'delete' ? d.flow : null;
  }

  protected renaming(): FlowView | null {
    const d = this.dialog();
    return d?.kind === 'rename' ? d.flow : null;
  }

  protected onNamed(flow: FlowView): void {
    const added = this.dialog()?.kind === 'add';
    this.dialog.set(null);
    this.store.replace(flow);
    if (added) this.store.select(flow.id);
    this.success({ key: added ? 'pbx.flow.added' : 'pbx.flow.renamed', params: { name: flow.name } });
  }

  protected async confirmDelete(flow: FlowView): Promise<void> {
    if (this.pending()) return;
    this.pending.set('delete');
    this.deleteError.set(null);
    try {
      await firstValueFrom(this.api.delete(flow.id));
      this.dialog.set(null);
      this.store.removeFlow(flow.id);
      this.success({ key: 'pbx.flow.deleted', params: { name: flow.name } });
    } catch (error: unknown) {
      this.deleteError.set(apiMessage(toApiFailure(error)));
    } finally {
      this.pending.set(null);
    }
  }

  protected async saveEntry(): Promise<void> {
    const g = this.graph();
    const flow = this.flow();
    if (!g || !flow || this.pending()) return;
    const draft = cloneGraph(g);
    draft.entry = materialise(draft, this.entry()) ?? '';
    pruneLeaves(draft);
    this.pending.set('entry');
    this.notice.set(null);
    const result = await this.store.saveDraft(draft);
    this.pending.set(null);
    if (result.ok) {
      this.attempt.set(null);
      this.success({ key: 'pbx.flow.entrySaved' });
    } else {
      this.attempt.set({ flowId: flow.id, problems: result.problems });
      if (result.message) this.notice.set({ kind: 'error', message: result.message });
    }
  }

  protected async publish(): Promise<void> {
    const flow = this.flow();
    if (!flow || this.pending()) return;
    this.pending.set('publish');
    this.notice.set(null);
    try {
      const published = await firstValueFrom(this.api.publish(flow.id));
      this.store.replace(published);
      this.attempt.set(null);
      this.success({
        key: 'pbx.flow.published',
        params: { name: published.name, v: published.publishedVersion ?? '' },
      });
    } catch (error: unknown) {
      const failure = failureOf(error);
      if (failure.problems.length) {
        this.attempt.set({ flowId: flow.id, problems: failure.problems });
        this.notice.set({ kind: 'error', message: { key: 'pbx.flow.publishBlocked' } });
      } else {
        this.notice.set({ kind: 'error', message: failure.message ?? { key: 'auth.error.server' } });
      }
    } finally {
      this.pending.set(null);
    }
  }

  /** "IVR “Main menu” · Prompt" for a problem row. */
  protected where(p: PlacedProblem): string {
    const g = this.graph();
    const owner = g?.nodes.find((n) => n.id === p.ownerId);
    const field = this.text(fieldLabel(p.ownerField));
    if (!owner)
      return p.ownerField === 'entry' || p.ownerId === null ? this.text({ key: 'pbx.flow.entry' }) : field;
    const name = this.text(describeNode(owner, this.store));
    // `id`: the problem is the step itself (unreachable, duplicate…), not one of its fields.
    return p.ownerField === 'id' ? name : `${name} · ${field}`;
  }

  /** Problems with somewhere to go: the menu or shift dialog at the field, or the entry picker. */
  protected canOpen(p: PlacedProblem): boolean {
    const owner = this.graph()?.nodes.find((n) => n.id === p.ownerId);
    return p.ownerId === null || owner?.type === 'ivr' || owner?.type === 'shift';
  }

  protected open(p: PlacedProblem): void {
    const owner = this.graph()?.nodes.find((n) => n.id === p.ownerId);
    if (!owner) {
      const el = this.document.getElementById('flow-entry');
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
      return;
    }
    const tab = owner.type === 'ivr' ? 'ivrs' : 'shifts';
    void this.router.navigate(['/settings/pbx', tab], {
      queryParams: { node: owner.id, field: p.ownerField },
    });
  }

  protected publisher(v: FlowVersionView): string {
    const by = v.publishedBy;
    if (by === null || by === undefined) return '';
    if (typeof by === 'object') return by.fullName ?? by.email ?? `#${by.id}`;
    if (typeof by === 'number') {
      const user = this.store.users().find((u) => u.id === by);
      return user?.fullName ?? `#${by}`;
    }
    return by;
  }

  protected hotlineNumbers(flow: FlowView): string {
    return flow.hotlines.map((h) => h.number).join(', ');
  }

  private text(message: Message): string {
    return 'text' in message ? message.text : this.i18n.t(message.key, message.params);
  }

  private success(message: Message): void {
    this.notice.set({ kind: 'success', message });
  }
}
