import type { CallLeg, CallPathStep } from './call-recorder.js';
import type { CallDisposition, CallRecordKind } from '#contracts';
import { CallEntity, directWriter, type SqlWriter } from '#database';
import { IsNull, LessThan, type DataSource, type Repository } from 'typeorm';

export interface NewCall {
  channelId: string;
  tenantId: number | null;
  entryKind: CallRecordKind;
  entryId: string;
  callerNumber: string;
  callerName: string;
  calledNumber: string;
  startedAt: Date;
  hotlineId?: number | null;
  flowId?: number | null;
  flowVersion?: number | null;
}

export interface CallUpdate {
  answeredAt?: Date;
  endedAt?: Date;
  disposition?: CallDisposition;
  hangupCause?: number | null;
  hangupCauseText?: string | null;
  /** JSON of the path the call took through its flow. */
  path?: string | null;
  /** JSON of the legs it rang or bridged. */
  legs?: string | null;
  /** The queue it waited in, and the conversation's recording. */
  queueId?: number | null;
  recording?: string | null;
}

/** Persistence port of the call recorder (a fake implements it in unit tests). */
export interface CallStore {
  insert(call: NewCall): Promise<void>;
  update(channelId: string, update: CallUpdate): Promise<void>;
  /** The path and legs written so far (a call adopted after a restart). */
  progress(channelId: string): Promise<{ path: CallPathStep[]; legs: CallLeg[] }>;
  /** Open rows (no end) of channels that no longer exist: closed as lost. Returns how many. */
  closeLost(liveChannelIds: ReadonlySet<string>, startedBefore: Date, now: Date): Promise<number>;
}

/** Columns of the call-path writes (plain SQL there: the repository's per-call overhead was the
 *  largest share of callflow's CPU per call in the routing benchmark's profile). */
const INSERT_COLUMNS: [keyof NewCall, string][] = [
  ['channelId', 'channel_id'],
  ['tenantId', 'tenant_id'],
  ['entryKind', 'entry_kind'],
  ['entryId', 'entry_id'],
  ['callerNumber', 'caller_number'],
  ['callerName', 'caller_name'],
  ['calledNumber', 'called_number'],
  ['startedAt', 'started_at'],
  ['hotlineId', 'hotline_id'],
  ['flowId', 'flow_id'],
  ['flowVersion', 'flow_version'],
];
const INSERT_SQL = `INSERT INTO calls (${INSERT_COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`;

const UPDATE_COLUMNS: Record<keyof CallUpdate, string> = {
  answeredAt: 'answered_at',
  endedAt: 'ended_at',
  disposition: 'disposition',
  hangupCause: 'hangup_cause',
  hangupCauseText: 'hangup_cause_text',
  path: 'path',
  legs: 'legs',
  queueId: 'queue_id',
  recording: 'recording',
};

export class TypeOrmCallStore implements CallStore {
  private readonly repo: Repository<CallEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: SqlWriter = directWriter(dataSource),
  ) {
    this.repo = dataSource.getRepository(CallEntity);
  }

  async insert(call: NewCall): Promise<void> {
    await this.writer.write(
      INSERT_SQL,
      INSERT_COLUMNS.map(([key]) => call[key] ?? null),
    );
  }

  async update(channelId: string, update: CallUpdate): Promise<void> {
    const keys = (Object.keys(update) as (keyof CallUpdate)[]).filter((k) => update[k] !== undefined);
    if (!keys.length) return;
    await this.writer.write(
      `UPDATE calls SET ${keys.map((k) => `${UPDATE_COLUMNS[k]} = ?`).join(', ')} WHERE channel_id = ?`,
      [...keys.map((k) => update[k]), channelId],
    );
  }

  async progress(channelId: string): Promise<{ path: CallPathStep[]; legs: CallLeg[] }> {
    const row = await this.repo.findOne({ select: { path: true, legs: true }, where: { channelId } });
    return {
      path: row?.path ? (JSON.parse(row.path) as CallPathStep[]) : [],
      legs: row?.legs ? (JSON.parse(row.legs) as CallLeg[]) : [],
    };
  }

  async closeLost(live: ReadonlySet<string>, startedBefore: Date, now: Date): Promise<number> {
    const open = await this.repo.find({
      select: { channelId: true, answeredAt: true },
      where: { endedAt: IsNull(), startedAt: LessThan(startedBefore) },
      take: 5000,
    });
    let closed = 0;
    for (const row of open) {
      if (live.has(row.channelId)) continue;
      await this.repo.update(
        { channelId: row.channelId, endedAt: IsNull() },
        { endedAt: now, disposition: row.answeredAt ? 'answered' : 'failed', hangupCauseText: 'lost' },
      );
      closed++;
    }
    return closed;
  }
}
