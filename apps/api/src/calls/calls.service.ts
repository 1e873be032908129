import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallRecordView } from '#contracts';
import { AriClient } from '#ari';
import { CallEntity, HotlineEntity, VoicemailEntity } from '#database';
import { In, type DataSource } from 'typeorm';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';

export interface VoicemailView {
  id: number;
  mailbox: string;
  callerNumber: string;
  durationMs: number;
  createdAt: string;
  heardAt: string | null;
  callId: number | null;
}

/** Call history (issue 5 §8) and voicemail messages of the tenant. */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ari: AriClient,
  ) {}

  async list(
    scope: TenantScope,
    query: { page?: number; pageSize?: number; hotlineId?: number },
  ): Promise<{ items: CallRecordView[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const [rows, total] = await this.db.getRepository(CallEntity).findAndCount({
      where: scope.where<CallEntity>(query.hotlineId ? { hotlineId: query.hotlineId } : {}),
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: await this.views(scope, rows), total, page, pageSize };
  }

  async get(scope: TenantScope, id: number): Promise<CallRecordView> {
    const row = await this.db
      .getRepository(CallEntity)
      .findOneBy(scope.where<CallEntity>({ id: String(id) } as never));
    if (!row) throw new NotFoundError();
    return (await this.views(scope, [row]))[0]!;
  }

  async voicemails(scope: TenantScope, mailbox?: string): Promise<VoicemailView[]> {
    const rows = await this.db.getRepository(VoicemailEntity).find({
      where: scope.where<VoicemailEntity>(mailbox ? { mailbox } : {}),
      order: { id: 'DESC' },
      take: 200,
    });
    const calls = await this.callIds(rows.map((r) => r.channelId));
    return rows.map((r) => ({
      id: r.id,
      mailbox: r.mailbox,
      callerNumber: r.callerNumber,
      durationMs: r.durationMs,
      createdAt: r.createdAt.toISOString(),
      heardAt: r.heardAt?.toISOString() ?? null,
      callId: calls.get(r.channelId) ?? null,
    }));
  }

  /** The message's audio (WAV) from Asterisk's stored recordings; marks it heard. */
  async voicemailAudio(scope: TenantScope, id: number): Promise<Buffer> {
    const row = await this.db.getRepository(VoicemailEntity).findOneBy(scope.where<VoicemailEntity>({ id }));
    if (!row) throw new NotFoundError();
    const audio = await this.ari.recordings.getStoredFile({ recordingName: row.file });
    if (!row.heardAt) await this.db.getRepository(VoicemailEntity).update({ id }, { heardAt: new Date() });
    return Buffer.from(audio as ArrayBuffer);
  }

  /** The recorded conversation (WAV) of a call, from Asterisk's stored recordings. */
  async recordingAudio(scope: TenantScope, id: number): Promise<Buffer> {
    const row = await this.db
      .getRepository(CallEntity)
      .findOneBy(scope.where<CallEntity>({ id: String(id) } as never));
    if (!row?.recording) throw new NotFoundError();
    const audio = await this.ari.recordings.getStoredFile({ recordingName: row.recording });
    return Buffer.from(audio as ArrayBuffer);
  }

  private async callIds(channelIds: string[]): Promise<Map<string, number>> {
    if (!channelIds.length) return new Map();
    const calls = await this.db
      .getRepository(CallEntity)
      .find({ where: { channelId: In(channelIds) }, select: { id: true, channelId: true } });
    return new Map(calls.map((c) => [c.channelId, Number(c.id)]));
  }

  private async views(scope: TenantScope, rows: CallEntity[]): Promise<CallRecordView[]> {
    const hotlineIds = [...new Set(rows.map((r) => r.hotlineId).filter((x): x is number => x !== null))];
    const hotlines = hotlineIds.length
      ? await this.db.getRepository(HotlineEntity).findBy(scope.where<HotlineEntity>({ id: In(hotlineIds) }))
      : [];
    const numbers = new Map(hotlines.map((h) => [h.id, h.number]));
    const voicemails = rows.length
      ? await this.db.getRepository(VoicemailEntity).find({
          where: scope.where<VoicemailEntity>({ channelId: In(rows.map((r) => r.channelId)) }),
          select: { id: true, channelId: true },
        })
      : [];
    const messageOf = new Map(voicemails.map((v) => [v.channelId, v.id]));
    return rows.map((r) => ({
      id: Number(r.id),
      channelId: r.channelId,
      entryKind: r.entryKind,
      callerNumber: r.callerNumber,
      calledNumber: r.calledNumber,
      hotlineNumber: r.hotlineId === null ? null : (numbers.get(r.hotlineId) ?? null),
      startedAt: r.startedAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
      disposition: r.disposition,
      hangupCauseText: r.hangupCauseText,
      flowId: r.flowId,
      flowVersion: r.flowVersion,
      path: r.path ? JSON.parse(r.path) : [],
      legs: r.legs ? JSON.parse(r.legs) : [],
      voicemailId: messageOf.get(r.channelId) ?? null,
      queueId: r.queueId,
      hasRecording: r.recording !== null,
    }));
  }
}
