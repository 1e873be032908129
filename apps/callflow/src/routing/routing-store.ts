import { FlowVersionEntity, PromptEntity, VoicemailEntity } from '#database';
import { normalizeNumber, type FlowGraph, type OutboundPolicy } from '#flow-engine';
import { IsNull, type DataSource } from 'typeorm';
import { HotlineRouteCache } from './hotline-route-cache.js';

/** What a hotline call runs on: resolved once when the call comes in. */
export interface HotlineRoute {
  hotlineId: number;
  tenantId: number;
  number: string;
  status: string;
  trunkEndpoint: string;
  flowId: number | null;
  flowVersion: number | null;
}

/** How a tenant's outbound calls leave: its default active hotline's trunk, and its policy. */
export interface OutboundRoute {
  callerNumber: string;
  trunkEndpoint: string;
  policy: OutboundPolicy;
}

export interface NewVoicemail {
  tenantId: number;
  mailbox: string;
  channelId: string;
  callerNumber: string;
  file: string;
  durationMs: number;
  createdAt: Date;
}

/** Routing data callflow reads (a fake implements it in unit tests). */
export interface RoutingStore {
  hotline(trunkEndpoint: string, dialled: string): Promise<HotlineRoute | null>;
  /** Routing changed (a hotline, trunk or published flow): the next calls look their route up afresh. */
  forgetRoutes(): void;
  /** The route a call in progress took (hotline and the flow version it runs on), from its record. */
  routeOfCall(channelId: string): Promise<HotlineRoute | null>;
  graph(flowId: number, version: number): Promise<FlowGraph>;
  promptFile(tenantId: number, promptId: string): Promise<string | null>;
  outbound(tenantId: number): Promise<OutboundRoute | null>;
  /** Stores the message; resolves to its id. */
  saveVoicemail(message: NewVoicemail): Promise<number>;
}

/** How long a hotline's route is kept without a word from the api (see HotlineRouteCache). */
export const HOTLINE_ROUTE_TTL_MS = 5_000;

/**
 * MariaDB-backed routing data. Hotline lookups are cached (HotlineRouteCache: cleared when the
 * api says routing changed, so a publish or a hotline change applies to the very next call);
 * published graphs are immutable and cached by (flow, version); prompt files are cached by id.
 */
export class TypeOrmRoutingStore implements RoutingStore {
  private readonly graphs = new Map<string, Promise<FlowGraph>>();
  private readonly prompts = new Map<string, string>();
  readonly routes: HotlineRouteCache;

  constructor(
    private readonly db: DataSource,
    routeTtlMs = HOTLINE_ROUTE_TTL_MS,
  ) {
    this.routes = new HotlineRouteCache((trunk, dialled) => this.loadHotline(trunk, dialled), routeTtlMs);
  }

  hotline(trunkEndpoint: string, dialled: string): Promise<HotlineRoute | null> {
    return this.routes.get(trunkEndpoint, dialled);
  }

  forgetRoutes(): void {
    this.routes.clear();
  }

  private async loadHotline(trunkEndpoint: string, dialled: string): Promise<HotlineRoute | null> {
    const forms = new Set([dialled]);
    const national = normalizeNumber(dialled)?.dial;
    if (national) forms.add(national);
    const rows: {
      hotlineId: number;
      tenantId: number;
      number: string;
      status: string;
      flowId: number | null;
      flowVersion: number | null;
    }[] = await this.db.query(
      `SELECT h.id AS hotlineId, h.tenant_id AS tenantId, h.number, h.status,
              h.flow_id AS flowId, f.published_version AS flowVersion
         FROM hotlines h
         JOIN trunks t ON t.id = h.trunk_id AND t.enabled = 1
         LEFT JOIN flows f ON f.id = h.flow_id AND f.tenant_id = h.tenant_id
        WHERE t.endpoint_name = ? AND h.number IN (?)
        LIMIT 1`,
      [trunkEndpoint, [...forms]],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      hotlineId: Number(row.hotlineId),
      tenantId: Number(row.tenantId),
      number: row.number,
      status: row.status,
      trunkEndpoint,
      flowId: row.flowId === null ? null : Number(row.flowId),
      flowVersion: row.flowVersion === null ? null : Number(row.flowVersion),
    };
  }

  async routeOfCall(channelId: string): Promise<HotlineRoute | null> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT h.id AS hotlineId, h.tenant_id AS tenantId, h.number, h.status, t.endpoint_name AS trunkEndpoint,
              c.flow_id AS flowId, c.flow_version AS flowVersion
         FROM calls c
         JOIN hotlines h ON h.id = c.hotline_id AND h.tenant_id = c.tenant_id
         JOIN trunks t ON t.id = h.trunk_id
        WHERE c.channel_id = ?`,
      [channelId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      hotlineId: Number(row['hotlineId']),
      tenantId: Number(row['tenantId']),
      number: String(row['number']),
      status: String(row['status']),
      trunkEndpoint: String(row['trunkEndpoint']),
      flowId: row['flowId'] == null ? null : Number(row['flowId']),
      flowVersion: row['flowVersion'] == null ? null : Number(row['flowVersion']),
    };
  }

  graph(flowId: number, version: number): Promise<FlowGraph> {
    const key = `${flowId}:${version}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = this.db
        .getRepository(FlowVersionEntity)
        .findOneByOrFail({ flowId, version })
        .then((row) => JSON.parse(row.graph) as FlowGraph);
      graph.catch(() => this.graphs.delete(key));
      this.graphs.set(key, graph);
    }
    return graph;
  }

  async promptFile(tenantId: number, promptId: string): Promise<string | null> {
    const key = `${tenantId}:${promptId}`;
    const hit = this.prompts.get(key);
    if (hit) return hit;
    if (!/^\d{1,10}$/.test(promptId)) return null;
    const row = await this.db.getRepository(PromptEntity).findOne({
      where: [
        { id: Number(promptId), tenantId },
        { id: Number(promptId), tenantId: IsNull() },
      ],
      select: { file: true },
    });
    if (!row) return null;
    this.prompts.set(key, row.file);
    return row.file;
  }

  async outbound(tenantId: number): Promise<OutboundRoute | null> {
    const rows: {
      number: string;
      endpoint: string;
      international: number;
      premium: number;
      prefixes: string;
    }[] = await this.db.query(
      `SELECT h.number, t.endpoint_name AS endpoint, te.outbound_international AS international,
              te.outbound_premium AS premium, te.outbound_prefixes AS prefixes
         FROM hotlines h
         JOIN trunks t ON t.id = h.trunk_id AND t.enabled = 1
         JOIN tenants te ON te.id = h.tenant_id
        WHERE h.tenant_id = ? AND h.status = 'active'
        ORDER BY h.outbound_default DESC, h.id ASC
        LIMIT 1`,
      [tenantId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      callerNumber: row.number,
      trunkEndpoint: row.endpoint,
      policy: {
        allowInternational: Boolean(Number(row.international)),
        allowPremium: Boolean(Number(row.premium)),
        allowedPrefixes: row.prefixes
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      },
    };
  }

  async saveVoicemail(message: NewVoicemail): Promise<number> {
    const result = await this.db.getRepository(VoicemailEntity).insert(message);
    return Number(result.identifiers[0]?.id);
  }
}
