import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditPage } from '#contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { PageQueryDto, toInt } from '../common/query.js';

export const AUDIT_TARGET_TYPES = [
  'user',
  'group',
  'tenant',
  'ip_phone',
  'sip_block',
  'prompt',
  'flow',
  'trunk',
  'hotline',
  'queue',
  'pause_reason',
  'moh_class',
  'queue_callback',
] as const;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  declare pageSize?: number;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsString()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Only actions of this user' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  actorId?: number;

  @ApiPropertyOptional({ enum: AUDIT_TARGET_TYPES })
  @IsOptional()
  @IsString()
  @IsIn(AUDIT_TARGET_TYPES)
  targetType?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

class AuditActorDto {
  @ApiProperty() id!: number;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor!: AuditActorDto | null;
  @ApiProperty({ type: Number, nullable: true }) tenantId!: number | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: AuditAction;
  @ApiProperty({ enum: AUDIT_TARGET_TYPES }) targetType!: string;
  @ApiProperty() targetId!: number;
  @ApiProperty() targetLabel!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'Changed fields before' })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: 'Changed fields after' })
  after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
