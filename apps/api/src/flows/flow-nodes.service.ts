import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Language } from '#contracts';
import { FlowEntity } from '#database';
import { edgesOf, type FlowGraph, type FlowNode } from '#flow-engine';
import type { DataSource } from 'typeorm';
import { DomainError, ValidationFailedError } from '../common/domain-error.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import { FlowsService } from './flows.service.js';

export type NodeResourceType = 'shift' | 'ivr';

/** A node of one of the tenant's flows, addressed as `<flowId>.<nodeId>`. */
export interface FlowNodeView {
  id: string;
  flowId: number;
  flowName: string;
  node: FlowNode;
}

/**
 * `/api/shifts` and `/api/ivrs`: the shift and IVR nodes of the tenant's flow drafts as resources
 * of their own (the PBX screens' lists). Every change is a change of the flow's draft, validated
 * and saved by FlowsService exactly like a whole-draft save.
 */
@Injectable()
export class FlowNodesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flows: FlowsService,
  ) {}

  async list(scope: TenantScope, type: NodeResourceType): Promise<FlowNodeView[]> {
    const flows = await this.db
      .getRepository(FlowEntity)
      .find({ where: scope.where<FlowEntity>(), order: { name: 'ASC' } });
    return flows.flatMap((flow) =>
      (JSON.parse(flow.draft) as FlowGraph).nodes
        .filter((n) => n.type === type)
        .map((node) => ({ id: `${flow.id}.${node.id}`, flowId: flow.id, flowName: flow.name, node })),
    );
  }

  async get(scope: TenantScope, type: NodeResourceType, id: string): Promise<FlowNodeView> {
    const { flow, graph, nodeId } = await this.locate(scope, id);
    const node = graph.nodes.find((n) => n.id === nodeId && n.type === type);
    if (!node) throw new NotFoundError();
    return { id, flowId: flow.id, flowName: flow.name, node };
  }

  async create(
    scope: TenantScope,
    type: NodeResourceType,
    flowId: number | undefined,
    node: Record<string, unknown>,
    language: Language,
  ): Promise<FlowNodeView> {
    if (flowId === undefined) throw new ValidationFailedError([{ field: 'flowId', code: 'required' }]);
    this.assertType(node, type);
    const flow = await scope.findOr404(this.db.getRepository(FlowEntity), flowId);
    const graph = JSON.parse(flow.draft) as FlowGraph;
    const id = typeof node.id === 'string' && node.id ? node.id : freeId(graph, type);
    if (graph.nodes.some((n) => n.id === id))
      throw new ValidationFailedError([{ field: 'node.id', code: 'taken', messageKey: 'taken_name' }]);
    const next = { ...graph, nodes: [...graph.nodes, { ...node, id } as FlowNode] };
    await this.flows.update(scope, flow.id, { draft: next }, language);
    return this.get(scope, type, `${flow.id}.${id}`);
  }

  async update(
    scope: TenantScope,
    type: NodeResourceType,
    id: string,
    node: Record<string, unknown>,
    language: Language,
  ): Promise<FlowNodeView> {
    this.assertType(node, type);
    const { flow, graph, nodeId } = await this.locate(scope, id);
    if (!graph.nodes.some((n) => n.id === nodeId && n.type === type)) throw new NotFoundError();
    const next = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === nodeId ? ({ ...node, id: nodeId } as FlowNode) : n)),
    };
    await this.flows.update(scope, flow.id, { draft: next }, language);
    return this.get(scope, type, id);
  }

  /** Removes the node; refused while other nodes (or the flow's entry) lead to it. */
  async remove(scope: TenantScope, type: NodeResourceType, id: string, language: Language): Promise<void> {
    const { flow, graph, nodeId } = await this.locate(scope, id);
    if (!graph.nodes.some((n) => n.id === nodeId && n.type === type)) throw new NotFoundError();
    const users = graph.nodes
      .filter((n) => n.id !== nodeId && edgesOf(n).some((e) => e.target === nodeId))
      .map((n) => n.label ?? n.id);
    if (graph.entry === nodeId) users.unshift(flow.name);
    if (users.length)
      throw new DomainError(HttpStatus.CONFLICT, 'node_in_use', [], { users: users.join(', ') });
    const next = { ...graph, nodes: graph.nodes.filter((n) => n.id !== nodeId) };
    await this.flows.update(scope, flow.id, { draft: next }, language);
  }

  private assertType(node: Record<string, unknown>, type: NodeResourceType): void {
    if (node.type !== type) throw new ValidationFailedError([{ field: 'node.type', code: 'invalid_value' }]);
  }

  private async locate(scope: TenantScope, id: string) {
    const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{1,64})$/.exec(id);
    if (!match) throw new NotFoundError();
    const flow = await scope.findOr404(this.db.getRepository(FlowEntity), Number(match[1]));
    return { flow, graph: JSON.parse(flow.draft) as FlowGraph, nodeId: match[2]! };
  }
}

function freeId(graph: FlowGraph, type: string): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${type}-${i}`)) return `${type}-${i}`;
}
