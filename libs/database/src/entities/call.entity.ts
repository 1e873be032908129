import type { CallDisposition, CallRecordKind } from '#contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One call handled by callflow, written off the call's critical path. */
@Entity({ name: 'calls' })
export class CallEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** Asterisk channel id (unique id) of the caller's channel. */
  @Column({ name: 'channel_id', type: 'varchar', length: 64, unique: true })
  channelId!: string;

  @Index()
  @Column({ name: 'tenant_id', type: 'int', unsigned: true, nullable: true })
  tenantId!: number | null;

  @Column({ name: 'entry_kind', type: 'varchar', length: 16 })
  entryKind!: CallRecordKind;

  @Column({ name: 'entry_id', type: 'varchar', length: 64 })
  entryId!: string;

  @Column({ name: 'caller_number', type: 'varchar', length: 64, default: '' })
  callerNumber!: string;

  @Column({ name: 'caller_name', type: 'varchar', length: 128, default: '' })
  callerName!: string;

  @Column({ name: 'called_number', type: 'varchar', length: 64, default: '' })
  calledNumber!: string;

  @Index()
  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  disposition!: CallDisposition | null;

  @Column({ name: 'hangup_cause', type: 'smallint', nullable: true })
  hangupCause!: number | null;

  @Column({ name: 'hangup_cause_text', type: 'varchar', length: 64, nullable: true })
  hangupCauseText!: string | null;

  @Column({ name: 'hotline_id', type: 'int', unsigned: true, nullable: true })
  hotlineId!: number | null;

  @Column({ name: 'flow_id', type: 'int', unsigned: true, nullable: true })
  flowId!: number | null;

  @Column({ name: 'flow_version', type: 'int', unsigned: true, nullable: true })
  flowVersion!: number | null;

  /** The steps the call took through its flow (flow-engine PathStep[] with timestamps), as JSON. */
  @Column({ type: 'longtext', nullable: true })
  path!: string | null;

  /** The legs the call rang or bridged (extension, external number…), as JSON. */
  @Column({ type: 'longtext', nullable: true })
  legs!: string | null;

  /** The queue the call waited in (issue 6), if any. */
  @Column({ name: 'queue_id', type: 'int', unsigned: true, nullable: true })
  queueId!: number | null;

  /** The stored recording of the conversation (Asterisk's recording name), if recorded. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  recording!: string | null;
}
