import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HOTLINE_STATUS_IDS,
  type HotlineRequest,
  type HotlineStatusChange,
  type HotlineStatusId,
  type HotlineUpdate,
  type HotlineView,
  type OperatorHotlineRequest,
} from '#contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { toInt } from '../common/query.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const present = (_o: object, v: unknown) => v !== null && v !== undefined;

export class CreateHotlineDto implements HotlineRequest {
  @ApiProperty({
    maxLength: 32,
    example: '1900 1234',
    description: 'A 1800/1900 number, a landline or a mobile; stored in national form',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  number!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @Transform(trim)
  @ValidateIf(present)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class UpdateHotlineDto implements HotlineUpdate {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'A flow of this tenant; null: none' })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  flowId?: number | null;

  @ApiPropertyOptional({ description: "The caller id of the tenant's outbound calls (only one hotline)" })
  @IsOptional()
  @IsBoolean()
  outboundDefault?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @Transform(trim)
  @ValidateIf(present)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class OperatorHotlineDto extends CreateHotlineDto implements OperatorHotlineRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  tenantId!: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  trunkId!: number;

  @ApiPropertyOptional({ enum: HOTLINE_STATUS_IDS, default: 'active' })
  @IsOptional()
  @IsString()
  @IsIn(HOTLINE_STATUS_IDS)
  status?: HotlineStatusId;
}

export class HotlineStatusDto implements HotlineStatusChange {
  @ApiProperty({ enum: HOTLINE_STATUS_IDS })
  @IsString()
  @IsIn(HOTLINE_STATUS_IDS)
  status!: HotlineStatusId;

  @ApiPropertyOptional({ description: 'The trunk the number arrives on (needed to activate)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  trunkId?: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @Transform(trim)
  @ValidateIf(present)
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

export class OperatorHotlineQueryDto {
  @ApiPropertyOptional({ enum: HOTLINE_STATUS_IDS })
  @IsOptional()
  @IsString()
  @IsIn(HOTLINE_STATUS_IDS)
  status?: HotlineStatusId;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  tenantId?: number;
}

export class HotlineViewDto implements HotlineView {
  @ApiProperty() id!: number;
  @ApiProperty() tenantId!: number;
  @ApiPropertyOptional({ description: 'Operator lists only' }) tenantName?: string;
  @ApiProperty({ example: '19001234' }) number!: string;
  @ApiProperty({ enum: HOTLINE_STATUS_IDS }) status!: HotlineStatusId;
  @ApiProperty({ type: Number, nullable: true }) trunkId!: number | null;
  @ApiProperty({ type: String, nullable: true }) trunkName!: string | null;
  @ApiProperty({ type: Number, nullable: true }) flowId!: number | null;
  @ApiProperty({ type: String, nullable: true }) flowName!: string | null;
  @ApiProperty() outboundDefault!: boolean;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) contractDueAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) activatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) suspendedAt!: string | null;
}
