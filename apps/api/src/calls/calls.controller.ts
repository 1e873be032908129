import { Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiProduces,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { PageQueryDto } from '../common/query.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { CallsService } from './calls.service.js';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class CallQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only calls of this hotline' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  hotlineId?: number;
}

export class VoicemailQueryDto {
  @ApiPropertyOptional({ description: 'Only this extension’s mailbox' })
  @IsOptional()
  @Matches(/^\d{2,8}$/)
  mailbox?: string;
}

class CallStepDto {
  @ApiProperty() nodeId!: string;
  @ApiProperty() type!: string;
  @ApiPropertyOptional() branch?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class CallLegDto {
  @ApiProperty({ enum: ['extension', 'external', 'voicemail'] }) kind!: string;
  @ApiProperty() target!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CallRecordDto {
  @ApiProperty() id!: number;
  @ApiProperty() channelId!: string;
  @ApiProperty() entryKind!: string;
  @ApiProperty() callerNumber!: string;
  @ApiProperty() calledNumber!: string;
  @ApiProperty({ nullable: true, type: String }) hotlineNumber!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) disposition!: string | null;
  @ApiProperty({ nullable: true, type: String }) hangupCauseText!: string | null;
  @ApiProperty({ nullable: true, type: Number }) flowId!: number | null;
  @ApiProperty({ nullable: true, type: Number }) flowVersion!: number | null;
  @ApiProperty({ type: [CallStepDto] }) path!: CallStepDto[];
  @ApiProperty({ type: [CallLegDto] }) legs!: CallLegDto[];
  @ApiProperty({ nullable: true, type: Number }) voicemailId!: number | null;
  @ApiProperty({ nullable: true, type: Number }) queueId!: number | null;
  @ApiProperty({ description: 'The conversation was recorded (GET /api/calls/{id}/recording)' })
  hasRecording!: boolean;
}

class CallPageDto {
  @ApiProperty({ type: [CallRecordDto] }) items!: CallRecordDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class VoicemailDto {
  @ApiProperty() id!: number;
  @ApiProperty() mailbox!: string;
  @ApiProperty() callerNumber!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) heardAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) callId!: number | null;
}

/** Call history with the path each call took (issue 5 §8). */
@TenantController('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's calls, newest first, with path, legs and voicemail" })
  @ApiOkResponse({ type: CallPageDto })
  list(@CurrentUser() p: Principal, @Query() query: CallQueryDto) {
    return this.calls.list(TenantScope.of(p), query);
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'One call record' })
  @ApiOkResponse({ type: CallRecordDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.calls.get(TenantScope.of(p), parseId(id));
  }

  @Get(':id/recording')
  @Roles('admin', 'supervisor')
  @Header('content-type', 'audio/wav')
  @ApiProduces('audio/wav')
  @ApiOperation({ summary: 'The recorded conversation of a call as WAV' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'WAV audio' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async recording(@CurrentUser() p: Principal, @Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.calls.recordingAudio(TenantScope.of(p), parseId(id)));
  }
}

/** Voicemail messages left through flows (issue 5 §6). */
@TenantController('voicemails')
export class VoicemailsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Voicemail messages of the tenant, newest first' })
  @ApiOkResponse({ type: [VoicemailDto] })
  list(@CurrentUser() p: Principal, @Query() query: VoicemailQueryDto) {
    return this.calls.voicemails(TenantScope.of(p), query.mailbox);
  }

  @Get(':id/audio')
  @Roles('admin', 'supervisor')
  @Header('content-type', 'audio/wav')
  @ApiProduces('audio/wav')
  @ApiOperation({ summary: 'The message as WAV (marks it heard)' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'WAV audio' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async audio(@CurrentUser() p: Principal, @Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.calls.voicemailAudio(TenantScope.of(p), parseId(id)));
  }
}
