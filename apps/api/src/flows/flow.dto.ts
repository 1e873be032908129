import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ArrayMaxSize,
  IsInt,
  Min,
} from 'class-validator';
import { collapseSpaces } from '../auth/dto/signup.dto.js';

export class CreateFlowDto {
  @ApiProperty({ maxLength: 100, example: 'Hotline chính' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'A flow-engine FlowGraph {version: 1, entry, nodes[]}; default: one hang-up step',
  })
  @IsOptional()
  @IsObject()
  draft?: Record<string, unknown>;
}

export class UpdateFlowDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The whole new draft' })
  @IsOptional()
  @IsObject()
  draft?: Record<string, unknown>;
}

export class SimulateFlowDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'When the call comes in (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', nullable: true },
    description: 'Keys pressed at each menu in order; null = nothing pressed',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  entries?: (string | null)[];

  @ApiPropertyOptional({ description: 'Simulate the draft rather than the published version' })
  @IsOptional()
  @IsBoolean()
  draft?: boolean;
}

export class FlowNodeRequestDto {
  @ApiPropertyOptional({ description: 'The flow the node belongs to (create only)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  flowId?: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The flow-engine node' })
  @IsObject()
  node!: Record<string, unknown>;
}

export class FlowProblemDto {
  @ApiProperty({ nullable: true, type: String }) nodeId!: string | null;
  @ApiProperty() field!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class FlowDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) draft!: unknown;
  @ApiProperty({ nullable: true, type: Number }) publishedVersion!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty() dirty!: boolean;
  @ApiProperty({ type: [FlowProblemDto] }) problems!: FlowProblemDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) hotlines!: { id: number; number: string }[];
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class FlowVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ nullable: true, type: Number }) publishedBy!: number | null;
}

export class SimulationDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Steps taken: {nodeId, type, branch?}',
  })
  path!: unknown[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'What the runtime would do' })
  actions!: unknown[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: '{reason, nodeId}' })
  end!: unknown;
}

export class FlowNodeDto {
  @ApiProperty({ description: '`<flowId>.<nodeId>`' }) id!: string;
  @ApiProperty() flowId!: number;
  @ApiProperty() flowName!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) node!: unknown;
}
