import { computed, Directive, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { FlowView } from '@webcall/contracts';
import type { FlowGraph, FlowNode } from '@webcall/flow-engine';
import type { TranslationKey } from '../../../../core/i18n/vi';
import type { Message } from '../../../auth/form-support';
import { describeTarget, placeProblems } from './describe';
import { FlowStore } from './flow-store';
import { referrersOf } from './graph';

export type NodeDialog<N> =
  { kind: 'add' } | { kind: 'edit'; node: N; field: string | null } | { kind: 'delete'; node: N };

/**
 * What the Work shifts and IVR tabs share: the nodes of one type of the flow being edited, the
 * add / edit / delete dialog state, problem counts per node, the notice after a save, and problem
 * links (`?node=<id>&field=<field>`) that open a node's dialog at that field.
 */
@Directive()
export abstract class NodeListTab<N extends FlowNode> {
  protected readonly store = inject(FlowStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly graph = this.store.graph;
  protected readonly nodes = computed(() => {
    const g = this.graph();
    return g ? this.nodesOf(g) : [];
  });
  protected readonly dialog = signal<NodeDialog<N> | null>(null);
  protected readonly editing = computed(() => {
    const d = this.dialog();
    return d?.kind === 'edit' ? d : null;
  });
  protected readonly deleting = computed(() => {
    const d = this.dialog();
    return d?.kind === 'delete' ? d : null;
  });
  protected readonly notice = signal<Message | null>(null);
  private readonly query = toSignal(this.route.queryParamMap);
  private readonly problemsByNode = computed(() => {
    const flow = this.store.selected();
    const g = this.graph();
    const counts = new Map<string, number>();
    if (!flow || !g) return counts;
    for (const p of placeProblems(
      g,
      flow.problems.map((x) => ({ ...x, message: { text: x.message } })),
    )) {
      if (p.ownerId) counts.set(p.ownerId, (counts.get(p.ownerId) ?? 0) + 1);
    }
    return counts;
  });

  constructor() {
    this.store.start();
    effect(() => {
      const params = this.query();
      const nodes = this.nodes();
      const id = params?.get('node');
      if (!id) return;
      const node = nodes.find((s) => s.id === id);
      if (!node) return;
      untracked(() => {
        this.dialog.set({ kind: 'edit', node, field: params?.get('field') ?? null });
        void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
      });
    });
  }

  /** The nodes this tab lists. */
  protected abstract nodesOf(graph: FlowGraph): N[];

  protected target(id: string | undefined): Message {
    return describeTarget(this.graph()!, id, this.store);
  }

  protected problemCount(id: string): number {
    return this.problemsByNode().get(id) ?? 0;
  }

  protected used(id: string): boolean {
    return referrersOf(this.graph()!, id).length > 0;
  }

  protected openAdd(): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'add' });
  }

  protected openEdit(node: N): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'edit', node, field: null });
  }

  protected close(): void {
    this.dialog.set(null);
  }

  protected onSaved(flow: FlowView, key: TranslationKey): void {
    this.dialog.set(null);
    this.notice.set({ key, params: { flow: flow.name } });
  }
}
