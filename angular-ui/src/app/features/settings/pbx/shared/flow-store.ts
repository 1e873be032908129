import { Injectable, computed, inject, signal } from '@angular/core';
import type { FlowProblem, FlowView, PromptView, QueueView, TenantUser } from '@webcall/contracts';
import { type FlowError, type FlowGraph, validateFlow } from '@webcall/flow-engine';
import { firstValueFrom } from 'rxjs';
import { toApiFailure } from '../../../../core/auth/api-error';
import type { TranslationKey } from '../../../../core/i18n/vi';
import { apiMessage } from '../../../../shared/api-message';
import type { Message } from '../../../auth/form-support';
import { FlowsApi } from './flows-api';
import { asGraph } from './graph';

/** A problem of a draft at a node and field, with what to tell the user. */
export interface Problem {
  nodeId: string | null;
  field: string;
  code: string;
  message: Message;
}

export type SaveResult =
  { ok: true; flow: FlowView } | { ok: false; problems: Problem[]; message: Message | null };

const KNOWN_CODES = new Set([
  'unsupported_version',
  'no_nodes',
  'duplicate_id',
  'missing_entry',
  'dangling_edge',
  'unreachable',
  'loop_without_wait',
  'missing_prompt',
  'unknown_extension',
  'unknown_queue',
  'invalid_value',
]);

/** The console's own text for a flow-engine error code (client-side validation). */
export function problemKey(code: string): TranslationKey {
  return (KNOWN_CODES.has(code) ? `pbx.problem.${code}` : 'pbx.problem.invalid_value') as TranslationKey;
}

export function fromServer(problem: FlowProblem): Problem {
  return {
    nodeId: problem.nodeId,
    field: problem.field,
    code: problem.code,
    message: problem.message ? { text: problem.message } : { key: problemKey(problem.code) },
  };
}

function fromEngine(error: FlowError): Problem {
  return { ...error, message: { key: problemKey(error.code) } };
}

/**
 * The routing editor's state, shared by the Call flows, Work shifts and IVR tabs (provided by the
 * PBX page): the tenant's flows, the one being edited, prompts and extensions for the pickers.
 * Every change is a PATCH of the whole draft; the API's answer replaces the flow.
 */
@Injectable()
export class FlowStore {
  private readonly api = inject(FlowsApi);

  readonly flows = signal<FlowView[] | null>(null);
  readonly loading = signal(false);
  readonly loadError = signal<Message | null>(null);
  private readonly chosenId = signal<number | null>(null);
  readonly selected = computed<FlowView | null>(() => {
    const flows = this.flows() ?? [];
    return flows.find((f) => f.id === this.chosenId()) ?? flows[0] ?? null;
  });
  readonly graph = computed<FlowGraph | null>(() => {
    const flow = this.selected();
    return flow ? asGraph(flow.draft) : null;
  });

  readonly prompts = signal<PromptView[]>([]);
  /** The prompt library could not be read: prompts are then not checked client-side. */
  readonly promptsFailed = signal(false);
  readonly users = signal<TenantUser[]>([]);
  readonly usersLoaded = signal(false);
  readonly extensions = computed(() =>
    this.users()
      .filter((u) => u.extension && u.status !== 'deleted')
      .map((u) => ({ extension: u.extension!, name: u.fullName }))
      .sort((a, b) => a.extension.localeCompare(b.extension, 'en', { numeric: true })),
  );

  /** The tenant's queue groups (the Queue groups tab reloads them after a change). */
  readonly queues = signal<QueueView[]>([]);
  readonly queuesLoaded = signal(false);

  private started = false;

  /** Loads everything once (the tabs call it when they open). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.reload();
    this.api.prompts().subscribe({
      next: (page) => this.prompts.set(page.items ?? []),
      error: () => this.promptsFailed.set(true),
    });
    this.api.users().subscribe({
      next: (page) => {
        this.users.set(page.items);
        this.usersLoaded.set(true);
      },
      error: () => this.usersLoaded.set(false),
    });
    this.reloadQueues();
  }

  reloadQueues(): void {
    this.api.queues().subscribe({
      next: (queues) => {
        this.queues.set(Array.isArray(queues) ? queues : []);
        this.queuesLoaded.set(Array.isArray(queues));
      },
      error: () => this.queuesLoaded.set(false),
    });
  }

  queueName(queueId: string | undefined): string | null {
    if (!queueId) return null;
    return this.queues().find((q) => String(q.id) === queueId)?.name ?? null;
  }

  reload(): void {
    this.loading.set(true);
    this.api.list().subscribe({
      next: (flows) => {
        this.loading.set(false);
        this.loadError.set(null);
        this.flows.set(flows);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.loadError.set(apiMessage(toApiFailure(error)));
      },
    });
  }

  select(id: number): void {
    this.chosenId.set(id);
  }

  /** Puts the API's answer in the list (added at the end when new). */
  replace(flow: FlowView): void {
    this.flows.update((flows) => {
      const list = flows ?? [];
      return list.some((f) => f.id === flow.id)
        ? list.map((f) => (f.id === flow.id ? flow : f))
        : [...list, flow];
    });
  }

  removeFlow(id: number): void {
    this.flows.update((flows) => (flows ?? []).filter((f) => f.id !== id));
    if (this.chosenId() === id) this.chosenId.set(null);
  }

  promptName(promptId: string | undefined): string | null {
    if (!promptId) return null;
    return this.prompts().find((p) => String(p.id) === promptId)?.name ?? null;
  }

  userOf(extension: string): string | null {
    return this.extensions().find((e) => e.extension === extension)?.name ?? null;
  }

  /** What validation (the runtime's own code) says about `graph`, unreachable nodes included. */
  check(graph: FlowGraph): Problem[] {
    const prompts = new Set(this.prompts().map((p) => String(p.id)));
    const extensions = new Set(this.extensions().map((e) => e.extension));
    const queues = new Set(this.queues().map((q) => String(q.id)));
    return validateFlow(graph, {
      promptExists: (id) => !!id && (this.promptsFailed() || prompts.has(id)),
      ...(this.usersLoaded() ? { extensionExists: (ext: string) => extensions.has(ext) } : {}),
      ...(this.queuesLoaded() ? { queueExists: (id: string) => queues.has(id) } : {}),
    }).map(fromEngine);
  }

  /**
   * Saves the selected flow's whole draft: checked here first (unreachable nodes do not block a
   * save), then by the API, whose `flow_invalid` problems come back for the fields.
   */
  async saveDraft(graph: FlowGraph): Promise<SaveResult> {
    const flow = this.selected();
    if (!flow) return { ok: false, problems: [], message: { key: 'pbx.flow.none' } };
    const blocking = this.check(graph).filter((p) => p.code !== 'unreachable');
    if (blocking.length) return { ok: false, problems: blocking, message: null };
    try {
      const saved = await firstValueFrom(this.api.saveDraft(flow.id, graph));
      this.replace(saved);
      return { ok: true, flow: saved };
    } catch (error: unknown) {
      return failureOf(error);
    }
  }
}

/** A failed save or publish: the problems of a `flow_invalid`, else the message. */
export function failureOf(error: unknown): { ok: false; problems: Problem[]; message: Message | null } {
  const failure = toApiFailure(error);
  const problems = (failure.body as { problems?: unknown }).problems;
  if (failure.status === 400 && Array.isArray(problems)) {
    return { ok: false, problems: (problems as FlowProblem[]).map(fromServer), message: null };
  }
  return { ok: false, problems: [], message: apiMessage(failure) };
}
