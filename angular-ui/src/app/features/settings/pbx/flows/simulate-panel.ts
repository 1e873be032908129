import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { FlowView } from '@webcall/contracts';
import { type FlowGraph, type Simulation, simulateCall } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { describeBranch, describeTarget } from '../shared/describe';
import { FlowStore, failureOf } from '../shared/flow-store';
import { FlowsApi } from '../shared/flows-api';
import { DEFAULT_TIME_ZONE, asGraph, shiftsOf, zonedInstant, zonedNow } from '../shared/graph';

interface Run {
  simulation: Simulation | null;
  /** The graph the steps are described with (the published one is not sent: its ids match). */
  graph: FlowGraph;
  error: Message | null;
  pending: boolean;
}

/**
 * "Simulate a call": a date and time (in the flow's time zone) and the keys the caller presses →
 * the path the call takes through the draft (the runtime's own interpreter, run here) and through
 * the published version (run by the API).
 */
@Component({
  selector: 'wc-simulate-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon],
  styleUrls: ['../shared/pbx.css'],
  template: `
    <form class="sim-form" (submit)="$event.preventDefault(); run()" novalidate>
      <div class="field">
        <label for="sim-at">{{ 'pbx.sim.at' | t }}</label>
        <input
          id="sim-at"
          class="input"
          type="datetime-local"
          data-testid="sim-at"
          [value]="at()"
          (input)="at.set($any($event.target).value)"
        />
        <p class="field-hint">{{ 'pbx.sim.atHint' | t: { zone: timeZone() } }}</p>
      </div>
      <div class="field">
        <label for="sim-entries">{{ 'pbx.sim.entries' | t }}</label>
        <input
          id="sim-entries"
          class="input"
          type="text"
          autocomplete="off"
          maxlength="100"
          placeholder="1 2"
          data-testid="sim-entries"
          [attr.aria-invalid]="entriesError() ? 'true' : null"
          [value]="entries()"
          (input)="entries.set($any($event.target).value); entriesError.set(false)"
        />
        @if (entriesError()) {
          <p class="field-error" data-testid="field-error-entries">
            <wc-icon name="alert" />{{ 'pbx.sim.entriesInvalid' | t }}
          </p>
        } @else {
          <p class="field-hint">{{ 'pbx.sim.entriesHint' | t }}</p>
        }
      </div>
      <div class="sim-go">
        <button type="submit" class="btn btn-primary" data-testid="sim-run">
          <wc-icon name="play" />{{ 'pbx.sim.run' | t }}
        </button>
      </div>
    </form>

    @if (draftRun() || publishedRun()) {
      <div class="runs">
        @for (r of runs(); track r.kind) {
          <section class="run" [attr.data-testid]="'sim-' + r.kind">
            <h3>{{ (r.kind === 'draft' ? 'pbx.sim.draft' : 'pbx.sim.published') | t }}</h3>
            @if (r.run; as run) {
              @if (run.pending) {
                <p class="muted">
                  <span class="spinner dark" aria-hidden="true"></span> {{ 'list.loading' | t }}
                </p>
              } @else if (run.error; as e) {
                <p class="field-error"><wc-icon name="alert" />{{ e | msg }}</p>
              } @else if (run.simulation; as sim) {
                <ol class="path">
                  @for (step of sim.path; track $index) {
                    <li [attr.data-testid]="'sim-' + r.kind + '-step'">
                      <span class="node">{{ describe(run.graph, step.nodeId) | msg }}</span>
                      @if (branch(step); as b) {
                        <span class="branch">{{ b | msg }}</span>
                      }
                    </li>
                  }
                </ol>
                <p
                  class="end"
                  [attr.data-testid]="'sim-' + r.kind + '-end'"
                  [attr.data-reason]="sim.end.reason"
                >
                  <wc-icon
                    [name]="
                      sim.end.reason === 'connected'
                        ? 'phone'
                        : sim.end.reason === 'voicemail'
                          ? 'mail'
                          : sim.end.reason === 'callback'
                            ? 'phone-forward'
                            : 'phone-off'
                    "
                  />
                  {{ endKey(sim.end.reason) | t }}
                </p>
              }
            } @else {
              <p class="muted">{{ 'pbx.flow.neverPublished' | t }}</p>
            }
          </section>
        }
      </div>
    }
  `,
  styles: `
    .sim-form {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
      align-items: start;
      gap: 12px 16px;
    }
    .sim-go {
      padding-top: 27px;
    }
    .sim-go .btn {
      --icon-size: 16px;
    }
    .runs {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 16px;
      margin-top: 16px;
    }
    .run {
      padding: 12px 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: #fbfcfe;
    }
    .run h3 {
      margin: 0 0 8px;
      font-size: 0.875rem;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--muted);
    }
    .path {
      display: grid;
      gap: 6px;
      margin: 0;
      padding-left: 22px;
      font-size: 0.875rem;
    }
    .path li::marker {
      color: var(--muted);
      font-weight: 600;
    }
    .node {
      font-weight: 600;
    }
    .branch {
      margin-left: 6px;
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--primary-soft);
      color: var(--primary);
      font-size: 0.75rem;
      font-weight: 600;
    }
    .end {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 10px 0 0;
      font-weight: 600;
      --icon-size: 16px;
    }
    .muted {
      color: var(--muted);
    }
    @media (max-width: 760px) {
      .sim-form,
      .runs {
        grid-template-columns: minmax(0, 1fr);
      }
      .sim-go {
        padding-top: 0;
      }
    }
  `,
})
export class SimulatePanel {
  private readonly api = inject(FlowsApi);
  private readonly store = inject(FlowStore);

  readonly flow = input.required<FlowView>();

  /** The time zone of the flow's first work shift (the tenant's default otherwise). */
  protected readonly timeZone = computed(
    () => shiftsOf(asGraph(this.flow().draft))[0]?.schedule?.timeZone || DEFAULT_TIME_ZONE,
  );
  protected readonly at = signal(zonedNow(DEFAULT_TIME_ZONE));
  protected readonly entries = signal('');
  protected readonly entriesError = signal(false);
  protected readonly draftRun = signal<Run | null>(null);
  protected readonly publishedRun = signal<Run | null>(null);
  private readonly ranPublished = signal(false);
  protected readonly runs = computed(() => [
    { kind: 'draft' as const, run: this.draftRun() },
    { kind: 'published' as const, run: this.ranPublished() ? this.publishedRun() : null },
  ]);

  protected describe(graph: FlowGraph, id: string): Message {
    return describeTarget(graph, id, this.store);
  }

  protected readonly branch = describeBranch;

  protected endKey(reason: string) {
    return `pbx.sim.end.${reason}` as 'pbx.sim.end.connected';
  }

  protected run(): void {
    const parts = this.entries().trim()
      ? this.entries()
          .trim()
          .split(/[\s,;]+/)
      : [];
    const entries = parts.map((p) => (p === '-' || p === '_' ? null : p));
    if (entries.some((e) => e !== null && !/^[0-9*#]{1,16}$/.test(e))) {
      this.entriesError.set(true);
      return;
    }
    const flow = this.flow();
    const when = zonedInstant(this.at(), this.timeZone());
    const graph = asGraph(flow.draft);
    const extensions = new Set(this.store.extensions().map((e) => e.extension));
    // The draft: the very interpreter the runtime uses, here in the browser.
    this.draftRun.set({
      graph,
      simulation: simulateCall(graph, { at: when, entries, extensionExists: (ext) => extensions.has(ext) }),
      error: null,
      pending: false,
    });
    this.ranPublished.set(true);
    if (flow.publishedVersion === null) {
      this.publishedRun.set(null);
      return;
    }
    this.publishedRun.set({ graph, simulation: null, error: null, pending: true });
    this.api.simulate(flow.id, { at: when.toISOString(), entries, draft: false }).subscribe({
      next: (simulation) => this.publishedRun.set({ graph, simulation, error: null, pending: false }),
      error: (error: unknown) => {
        const failure = failureOf(error);
        this.publishedRun.set({
          graph,
          simulation: null,
          error: failure.message ?? failure.problems[0]?.message ?? { key: 'auth.error.server' },
          pending: false,
        });
      },
    });
  }
}
