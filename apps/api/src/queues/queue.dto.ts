import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  QUEUE_LIMITS,
  QUEUE_STRATEGY_IDS,
  type AgentActivity,
  type QueueLiveView,
  type QueueMemberRef,
  type QueueRequest,
  type QueueStrategyId,
  type QueueView,
} from '#contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { collapseSpaces } from '../auth/dto/signup.dto.js';

const present = (_o: object, v: unknown) => v !== null && v !== undefined;
export const EXIT_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
const L = QUEUE_LIMITS;

export class QueueMemberDto implements QueueMemberRef {
  @ApiProperty({ enum: ['user', 'group'] })
  @IsString()
  @IsIn(['user', 'group'])
  kind!: 'user' | 'group';

  @ApiProperty({ description: 'A user or user group of the tenant' })
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  id!: number;

  @ApiPropertyOptional({ minimum: L.penalty.min, maximum: L.penalty.max, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(L.penalty.min)
  @Max(L.penalty.max)
  penalty: number = 0;
}

export class CreateQueueDto implements QueueRequest {
  @ApiProperty({ maxLength: L.name, example: 'CSKH' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.name)
  name!: string;

  @ApiPropertyOptional({ enum: QUEUE_STRATEGY_IDS, default: 'ring_all' })
  @IsOptional()
  @IsString()
  @IsIn(QUEUE_STRATEGY_IDS)
  strategy?: QueueStrategyId;

  @ApiPropertyOptional({ minimum: L.ringTimeoutS.min, maximum: L.ringTimeoutS.max, default: 20 })
  @IsOptional()
  @IsInt()
  @Min(L.ringTimeoutS.min)
  @Max(L.ringTimeoutS.max)
  ringTimeoutS?: number;

  @ApiPropertyOptional({ minimum: L.wrapupS.min, maximum: L.wrapupS.max, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(L.wrapupS.min)
  @Max(L.wrapupS.max)
  wrapupS?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: L.maxWaitS.min,
    maximum: L.maxWaitS.max,
    description: 'null: no limit',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(L.maxWaitS.min)
  @Max(L.maxWaitS.max)
  maxWaitS?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: L.maxCallers.min,
    maximum: L.maxCallers.max,
    description: 'null: no limit',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(L.maxCallers.min)
  @Max(L.maxCallers.max)
  maxCallers?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'A music class of the tenant; null: built-in',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  mohClassId?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  announcePosition?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: L.announceEveryS.min,
    maximum: L.announceEveryS.max,
    description: 'null: only on entering',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(L.announceEveryS.min)
  @Max(L.announceEveryS.max)
  announceEveryS?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, enum: EXIT_KEYS, description: 'null: no exit key' })
  @ValidateIf(present)
  @IsString()
  @IsIn(EXIT_KEYS)
  exitKey?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  record?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  recordNotice?: boolean;

  @ApiPropertyOptional({
    type: [QueueMemberDto],
    maxItems: L.members,
    description: 'Users and user groups of the tenant, each once; in ringing order for `linear`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.members)
  @ValidateNested({ each: true })
  @Type(() => QueueMemberDto)
  members?: QueueMemberDto[];
}

/** Any subset; `members`, when given, replaces the member list as a whole. */
export class UpdateQueueDto extends PartialType(CreateQueueDto) {}

export class QueueMemberViewDto extends QueueMemberDto {
  @ApiProperty({ description: "The user's full name or the group's name" }) name!: string;
}

export class QueueViewDto implements QueueView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: QUEUE_STRATEGY_IDS }) strategy!: QueueStrategyId;
  @ApiProperty() ringTimeoutS!: number;
  @ApiProperty() wrapupS!: number;
  @ApiProperty({ type: Number, nullable: true }) maxWaitS!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxCallers!: number | null;
  @ApiProperty({ type: Number, nullable: true }) mohClassId!: number | null;
  @ApiProperty() announcePosition!: boolean;
  @ApiProperty({ type: Number, nullable: true }) announceEveryS!: number | null;
  @ApiProperty({ type: String, nullable: true }) exitKey!: string | null;
  @ApiProperty() record!: boolean;
  @ApiProperty() recordNotice!: boolean;
  @ApiProperty({ type: [QueueMemberViewDto] }) members!: QueueMemberViewDto[];
  @ApiProperty({ description: 'Active users the members stand for (groups expanded), each once' })
  agentCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

class WaitingCallerDto {
  @ApiProperty() channelId!: string;
  @ApiProperty() callerNumber!: string;
  @ApiProperty() priority!: number;
  @ApiProperty({ format: 'date-time' }) enteredAt!: string;
}

class LiveAgentDto {
  @ApiProperty() userId!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) extension!: string | null;
  @ApiProperty({ enum: ['offline', 'available', 'ringing', 'busy', 'wrapup', 'paused'] })
  activity!: AgentActivity;
}

export class QueueLiveViewDto implements QueueLiveView {
  @ApiProperty() queueId!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [WaitingCallerDto] }) waiting!: WaitingCallerDto[];
  @ApiProperty({ description: 'Seconds the longest-waiting caller has waited (0: none)' })
  longestWaitS!: number;
  @ApiProperty({ type: [LiveAgentDto] }) agents!: LiveAgentDto[];
}
