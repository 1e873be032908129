import type { CallDisposition, CallEntryKind } from '#contracts';
import { CallEntity } from '#database';
import { IsNull, LessThan, type DataSource, type Repository } from 'typeorm';

export interface NewCall {
  channelId: string;
  tenantId: number | null;
  entryKind: CallEntryKind;
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
  /** Open rows (no end) of channels that no longer exist: closed as lost. Returns how many. */
  closeLost(liveChannelIds: ReadonlySet<string>, startedBefore: Date, now: Date): Promise<number>;
}

export class TypeOrmCallStore implements CallStore {
  private readonly repo: Repository<CallEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(CallEntity);
  }

  async insert(call: NewCall): Promise<void> {
    await this.repo.insert(call);
  }

  async update(channelId: string, update: CallUpdate): Promise<void> {
    await this.repo.update({ channelId }, update);
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
