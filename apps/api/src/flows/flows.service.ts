import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FlowProblem, FlowView, Language } from '#contracts';
import {
  FlowEntity,
  FlowVersionEntity,
  HotlineEntity,
  PromptEntity,
  QueueEntity,
  UserEntity,
} from '#database';
import {
  checkFlowShape,
  FLOW_FORMAT_VERSION,
  simulateCall,
  validateFlow,
  type FlowError,
  type FlowGraph,
  type Simulation,
} from '#flow-engine';
import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, ValidationFailedError } from '../common/domain-error.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import { blocksSaving, toProblems } from './flow-problems.js';

/** A draft with problems: 400 with the problems, each naming its node and field. */
export class FlowInvalidError extends DomainError {
  constructor(problems: FlowProblem[]) {
    super(HttpStatus.BAD_REQUEST, 'flow_invalid', [], {}, { problems });
  }
}

export class FlowNameTakenError extends ValidationFailedError {
  constructor() {
    super([{ field: 'name', code: 'taken', messageKey: 'taken_name' }]);
  }
}

/** Draft JSON larger than this is refused (500 nodes fit well below it). */
const MAX_DRAFT_BYTES = 512 * 1024;

export function emptyGraph(): FlowGraph {
  return { version: FLOW_FORMAT_VERSION, entry: 'end', nodes: [{ id: 'end', type: 'hangup' }] };
}

/**
 * The tenant's call flows (issue 5 §1): drafts validated on save, published atomically as
 * immutable numbered versions (callflow runs each call on the version current when it came in),
 * and simulated with the same interpreter the runtime uses.
 */
@Injectable()
export class FlowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  private get repo() {
    return this.db.getRepository(FlowEntity);
  }

  async list(scope: TenantScope, language: Language): Promise<FlowView[]> {
    const flows = await this.repo.find({ where: scope.where<FlowEntity>(), order: { name: 'ASC' } });
    return this.views(scope, flows, language);
  }

  async get(scope: TenantScope, id: number, language: Language): Promise<FlowView> {
    const flow = await scope.findOr404(this.repo, id);
    return (await this.views(scope, [flow], language))[0]!;
  }

  async create(scope: TenantScope, name: string, draft: unknown, language: Language): Promise<FlowView> {
    const graph = draft === undefined ? emptyGraph() : await this.checkDraft(scope, draft, language);
    await this.assertFreeName(scope, name);
    const flow = await this.saveOrTaken(async (em) => {
      const saved = await em.save(
        em.create(FlowEntity, { tenantId: scope.tenantId, name, draft: JSON.stringify(graph) }),
      );
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'flow.create',
        targetType: 'flow',
        targetId: saved.id,
        targetLabel: name,
        after: { name },
      });
      return saved;
    });
    return this.get(scope, flow.id, language);
  }

  async update(
    scope: TenantScope,
    id: number,
    change: { name?: string; draft?: unknown },
    language: Language,
  ): Promise<FlowView> {
    const flow = await scope.findOr404(this.repo, id);
    const graph =
      change.draft === undefined ? undefined : await this.checkDraft(scope, change.draft, language);
    if (change.name !== undefined && change.name !== flow.name)
      await this.assertFreeName(scope, change.name, id);
    const before = { name: flow.name, nodes: (JSON.parse(flow.draft) as FlowGraph).nodes.length };
    if (change.name !== undefined) flow.name = change.name;
    if (graph) flow.draft = JSON.stringify(graph);
    await this.saveOrTaken(async (em) => {
      await em.save(flow);
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'flow.update',
        targetType: 'flow',
        targetId: id,
        targetLabel: flow.name,
        before,
        after: { name: flow.name, nodes: graph?.nodes.length ?? before.nodes },
      });
      return flow;
    });
    return this.get(scope, id, language);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const flow = await scope.findOr404(this.repo, id);
    const hotlines = await this.db
      .getRepository(HotlineEntity)
      .findBy(scope.where<HotlineEntity>({ flowId: id }));
    if (hotlines.length) {
      throw new DomainError(HttpStatus.CONFLICT, 'flow_in_use', [], {
        hotlines: hotlines.map((h) => h.number).join(', '),
      });
    }
    await this.db.transaction(async (em) => {
      await em.delete(FlowEntity, { id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'flow.delete',
        targetType: 'flow',
        targetId: id,
        targetLabel: flow.name,
        before: { name: flow.name, publishedVersion: flow.publishedVersion },
      });
    });
  }

  /**
   * Publishes the draft as the next version, atomically: the flow row is locked, the draft
   * re-validated (now also for unreachable nodes), the version inserted and made current in one
   * transaction. Calls in progress keep the version they started on.
   */
  async publish(scope: TenantScope, id: number, language: Language): Promise<FlowView> {
    await scope.findOr404(this.repo, id);
    const ctx = await this.validationContext(scope);
    await this.db.transaction(async (em) => {
      const flow = await em
        .getRepository(FlowEntity)
        .createQueryBuilder('f')
        .setLock('pessimistic_write')
        .where('f.id = :id AND f.tenant_id = :tenantId', { id, tenantId: scope.tenantId })
        .getOne();
      if (!flow) throw new NotFoundError();
      const graph = JSON.parse(flow.draft) as FlowGraph;
      const errors = validateFlow(graph, ctx);
      if (errors.length) throw new FlowInvalidError(toProblems(errors, language));
      const version = (flow.publishedVersion ?? 0) + 1;
      await em.insert(FlowVersionEntity, {
        flowId: id,
        version,
        graph: flow.draft,
        publishedAt: new Date(),
        publishedBy: scope.principal.userId,
      });
      await em.update(FlowEntity, { id }, { publishedVersion: version });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'flow.publish',
        targetType: 'flow',
        targetId: id,
        targetLabel: flow.name,
        before: { version: flow.publishedVersion },
        after: { version },
      });
    });
    // The hotlines on this flow take the new version from their next call on.
    this.commands.routesChanged(scope.tenantId);
    return this.get(scope, id, language);
  }

  async versions(
    scope: TenantScope,
    id: number,
  ): Promise<{ version: number; publishedAt: string; publishedBy: number | null }[]> {
    await scope.findOr404(this.repo, id);
    const rows = await this.db.getRepository(FlowVersionEntity).find({
      where: { flowId: id },
      order: { version: 'DESC' },
      select: { version: true, publishedAt: true, publishedBy: true },
    });
    return rows.map((r) => ({
      version: r.version,
      publishedAt: r.publishedAt.toISOString(),
      publishedBy: r.publishedBy,
    }));
  }

  /** The path a call would take: the published version (or the draft) run by the runtime's interpreter. */
  async simulate(
    scope: TenantScope,
    id: number,
    input: { at?: string; entries?: (string | null)[]; draft?: boolean },
  ): Promise<Simulation> {
    const flow = await scope.findOr404(this.repo, id);
    let graph: FlowGraph;
    if (input.draft || flow.publishedVersion === null) {
      graph = JSON.parse(flow.draft) as FlowGraph;
    } else {
      const version = await this.db
        .getRepository(FlowVersionEntity)
        .findOneByOrFail({ flowId: id, version: flow.publishedVersion });
      graph = JSON.parse(version.graph) as FlowGraph;
    }
    const entries = (input.entries ?? []).map((e, i) => {
      if (e !== null && (typeof e !== 'string' || !/^[0-9*#]{1,16}$/.test(e)))
        throw new ValidationFailedError([{ field: `entries.${i}`, code: 'invalid_value' }]);
      return e;
    });
    const extensions = await this.extensions(scope);
    return simulateCall(graph, {
      at: input.at ? new Date(input.at) : new Date(),
      entries,
      extensionExists: (ext) => extensions.has(ext),
    });
  }

  /** Shape, size and save-blocking problems of an untrusted draft; returns it as a graph. */
  async checkDraft(scope: TenantScope, draft: unknown, language: Language): Promise<FlowGraph> {
    if (JSON.stringify(draft).length > MAX_DRAFT_BYTES)
      throw new FlowInvalidError(
        toProblems([{ nodeId: null, field: 'draft', code: 'invalid_value' }], language),
      );
    const shape = checkFlowShape(draft);
    if (shape.length) throw new FlowInvalidError(toProblems(shape, language));
    const graph = draft as FlowGraph;
    const blocking = validateFlow(graph, await this.validationContext(scope)).filter(blocksSaving);
    if (blocking.length) throw new FlowInvalidError(toProblems(blocking, language));
    return graph;
  }

  async validationContext(scope: TenantScope) {
    const [prompts, extensions, queues] = await Promise.all([
      this.promptIds(scope),
      this.extensions(scope),
      this.queueIds(scope),
    ]);
    return {
      promptExists: (id: string) => prompts.has(id),
      extensionExists: (ext: string) => extensions.has(ext),
      queueExists: (id: string) => queues.has(id),
    };
  }

  private async queueIds(scope: TenantScope): Promise<Set<string>> {
    const rows = await this.db
      .getRepository(QueueEntity)
      .find({ where: { tenantId: scope.tenantId }, select: { id: true } });
    return new Set(rows.map((r) => String(r.id)));
  }

  private async promptIds(scope: TenantScope): Promise<Set<string>> {
    const rows = await this.db.getRepository(PromptEntity).find({
      where: [{ tenantId: scope.tenantId }, { tenantId: IsNull() }],
      select: { id: true },
    });
    return new Set(rows.map((r) => String(r.id)));
  }

  private async extensions(scope: TenantScope): Promise<Set<string>> {
    const rows = await this.db.getRepository(UserEntity).find({
      where: scope.where<UserEntity>({ extension: Not(IsNull()), status: Not('deleted') }),
      select: { extension: true },
    });
    return new Set(rows.map((r) => r.extension!));
  }

  private async views(scope: TenantScope, flows: FlowEntity[], language: Language): Promise<FlowView[]> {
    if (!flows.length) return [];
    const ids = flows.map((f) => f.id);
    const [hotlines, versions, ctx] = await Promise.all([
      this.db.getRepository(HotlineEntity).find({
        where: scope.where<HotlineEntity>({ flowId: In(ids) }),
        order: { number: 'ASC' },
      }),
      this.db
        .getRepository(FlowVersionEntity)
        .createQueryBuilder('v')
        .innerJoin(FlowEntity, 'f', 'f.id = v.flow_id AND f.published_version = v.version')
        .where('v.flow_id IN (:...ids)', { ids })
        .getMany(),
      this.validationContext(scope),
    ]);
    const published = new Map(versions.map((v) => [v.flowId, v]));
    return flows.map((flow) => {
      const current = published.get(flow.id);
      const graph = JSON.parse(flow.draft) as FlowGraph;
      const errors: FlowError[] = validateFlow(graph, ctx);
      return {
        id: flow.id,
        name: flow.name,
        draft: graph,
        publishedVersion: flow.publishedVersion,
        publishedAt: current?.publishedAt.toISOString() ?? null,
        dirty: !current || current.graph !== flow.draft,
        problems: toProblems(errors, language),
        hotlines: hotlines.filter((h) => h.flowId === flow.id).map((h) => ({ id: h.id, number: h.number })),
        updatedAt: flow.updatedAt.toISOString(),
      };
    });
  }

  private async assertFreeName(scope: TenantScope, name: string, exceptId?: number): Promise<void> {
    const other = await this.repo.findOneBy(scope.where<FlowEntity>({ name }));
    if (other && other.id !== exceptId) throw new FlowNameTakenError();
  }

  private async saveOrTaken(change: (em: EntityManager) => Promise<FlowEntity>): Promise<FlowEntity> {
    try {
      return await this.db.transaction(change);
    } catch (err) {
      if ((err as { message?: string }).message?.includes('uq_flows_tenant_name'))
        throw new FlowNameTakenError();
      throw err;
    }
  }
}
