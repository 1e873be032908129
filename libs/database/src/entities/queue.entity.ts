import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const QUEUE_STRATEGIES = [
  'ring_all',
  'round_robin',
  'least_recent',
  'fewest_calls',
  'random',
  'linear',
] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

/** A queue group of a tenant (issue 6): who answers, in what order, and what waiting callers hear. */
@Entity({ name: 'queues' })
export class QueueEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'enum', enum: QUEUE_STRATEGIES, default: 'ring_all' })
  strategy!: QueueStrategy;

  /** How long one offer rings an agent before the next is tried (seconds). */
  @Column({ name: 'ring_timeout_s', type: 'smallint', unsigned: true, default: 20 })
  ringTimeoutS!: number;

  /** After a queue call an agent is not offered another for this long (seconds). */
  @Column({ name: 'wrapup_s', type: 'smallint', unsigned: true, default: 10 })
  wrapupS!: number;

  /** A caller waiting longer leaves by the flow node's overflow branch (null: no limit). */
  @Column({ name: 'max_wait_s', type: 'int', unsigned: true, nullable: true })
  maxWaitS!: number | null;

  /** With this many waiting, new callers take the overflow branch at once (null: no limit). */
  @Column({ name: 'max_callers', type: 'int', unsigned: true, nullable: true })
  maxCallers!: number | null;

  /** The tenant's music class (null: the built-in music). */
  @Column({ name: 'moh_class_id', type: 'int', unsigned: true, nullable: true })
  mohClassId!: number | null;

  /** Tell waiting callers their position and expected wait. */
  @Column({ name: 'announce_position', type: 'boolean', default: true })
  announcePosition!: boolean;

  /** Repeat the announcement every so many seconds (null: only on entering). */
  @Column({ name: 'announce_every_s', type: 'smallint', unsigned: true, nullable: true })
  announceEveryS!: number | null;

  /** A key that lets a waiting caller leave by the flow node's exit branch (null: none). */
  @Column({ name: 'exit_key', type: 'char', length: 1, nullable: true })
  exitKey!: string | null;

  /** Record the conversation (the bridge: both parties). */
  @Column({ type: 'boolean', default: false })
  record!: boolean;

  /** Tell callers the call is recorded before they wait. */
  @Column({ name: 'record_notice', type: 'boolean', default: false })
  recordNotice!: boolean;

  /** Round-robin memory: the agent offered last. */
  @Column({ name: 'rr_last_user_id', type: 'int', unsigned: true, nullable: true })
  rrLastUserId!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** One member line of a queue: a user or a whole user group, with a penalty (lower rings first). */
@Entity({ name: 'queue_members' })
export class QueueMemberEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'queue_id', type: 'int', unsigned: true })
  queueId!: number;

  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true })
  userId!: number | null;

  @Column({ name: 'group_id', type: 'int', unsigned: true, nullable: true })
  groupId!: number | null;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  penalty!: number;

  /** Order of the members as entered (the linear strategy rings in this order). */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  position!: number;
}

/** A reason agents pick when they pause (the tenant's list). */
@Entity({ name: 'pause_reasons' })
export class PauseReasonEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A tenant's music-on-hold class: prompts played in turn, looped. */
@Entity({ name: 'moh_classes' })
export class MohClassEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'prompt_ids', type: 'json' })
  promptIds!: number[];

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** An agent's pause and wrap-up state (absent row: not paused). Survives reloads and restarts. */
@Entity({ name: 'agent_states' })
export class AgentStateEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  @Column({ name: 'pause_reason_id', type: 'int', unsigned: true, nullable: true })
  pauseReasonId!: number | null;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt!: Date;

  @Column({ name: 'wrapup_until', type: 'datetime', precision: 3, nullable: true })
  wrapupUntil!: Date | null;
}

/** An agent logged in to a queue, with the counters strategies use. */
@Entity({ name: 'queue_logins' })
export class QueueLoginEntity {
  @PrimaryColumn({ name: 'queue_id', type: 'int', unsigned: true })
  queueId!: number;

  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ name: 'logged_in_at', type: 'datetime', precision: 3 })
  loggedInAt!: Date;

  @Column({ name: 'calls_taken', type: 'int', unsigned: true, default: 0 })
  callsTaken!: number;

  @Column({ name: 'last_call_ended_at', type: 'datetime', precision: 3, nullable: true })
  lastCallEndedAt!: Date | null;
}

export const QUEUE_CALL_STATES = ['waiting', 'offered', 'talking'] as const;
export type QueueCallState = (typeof QUEUE_CALL_STATES)[number];

/** A call in a queue as callflow last saw it: what a restarted callflow resumes from. */
@Entity({ name: 'queue_calls' })
export class QueueCallEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'varchar', length: 64 })
  channelId!: string;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ name: 'queue_id', type: 'int', unsigned: true })
  queueId!: number;

  /** The flow node the caller waits at (a restarted callflow resumes the flow there). */
  @Column({ name: 'node_id', type: 'varchar', length: 64, nullable: true })
  nodeId!: string | null;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  priority!: number;

  @Column({ name: 'entered_at', type: 'datetime', precision: 3 })
  enteredAt!: Date;

  @Column({ type: 'enum', enum: QUEUE_CALL_STATES, default: 'waiting' })
  state!: QueueCallState;

  @Column({ name: 'agent_user_id', type: 'int', unsigned: true, nullable: true })
  agentUserId!: number | null;

  @Column({ name: 'agent_channel_id', type: 'varchar', length: 64, nullable: true })
  agentChannelId!: string | null;

  @Column({ name: 'bridge_id', type: 'varchar', length: 64, nullable: true })
  bridgeId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  recording!: string | null;

  @Column({ name: 'caller_number', type: 'varchar', length: 32, nullable: true })
  callerNumber!: string | null;

  /** A callback's conversation (channel: the customer's leg; agent channel: the agent's leg). */
  @Column({ name: 'callback_id', type: 'int', unsigned: true, nullable: true })
  callbackId!: number | null;
}

export const QUEUE_CALLBACK_STATES = ['pending', 'calling', 'done', 'failed', 'cancelled'] as const;
export type QueueCallbackState = (typeof QUEUE_CALLBACK_STATES)[number];

/** A caller who asked to be called back: keeps their place in the queue until an agent calls. */
@Entity({ name: 'queue_callbacks' })
export class QueueCallbackEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ name: 'queue_id', type: 'int', unsigned: true })
  queueId!: number;

  /** The number dialled through the trunk (national form, e.g. 0912345678). */
  @Column({ type: 'varchar', length: 32 })
  number!: string;

  /** The caller's number as the carrier gave it. */
  @Column({ name: 'caller_number', type: 'varchar', length: 32 })
  callerNumber!: string;

  @Column({ name: 'hotline_number', type: 'varchar', length: 32, nullable: true })
  hotlineNumber!: string | null;

  /** The call that asked (`calls.channel_id`). */
  @Column({ name: 'call_channel_id', type: 'varchar', length: 64, nullable: true })
  callChannelId!: string | null;

  /** The caller's place in line: when they entered the queue. */
  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'enum', enum: QUEUE_CALLBACK_STATES, default: 'pending' })
  status!: QueueCallbackState;

  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  /** How the last attempt ended: `connected`, `busy`, `no_answer`, `unavailable`, `agent_left`. */
  @Column({ name: 'last_result', type: 'varchar', length: 32, nullable: true })
  lastResult!: string | null;

  @Column({ name: 'agent_user_id', type: 'int', unsigned: true, nullable: true })
  agentUserId!: number | null;

  @Column({ name: 'done_at', type: 'datetime', precision: 3, nullable: true })
  doneAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
