import { Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
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

/** Call history with the path each call took (issue 5 §8). */
@TenantController('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's calls, newest first, with path, legs and voicemail" })
  list(@CurrentUser() p: Principal, @Query() query: CallQueryDto) {
    return this.calls.list(TenantScope.of(p), query);
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'One call record' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.calls.get(TenantScope.of(p), parseId(id));
  }
}

/** Voicemail messages left through flows (issue 5 §6). */
@TenantController('voicemails')
export class VoicemailsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Voicemail messages of the tenant, newest first' })
  list(@CurrentUser() p: Principal, @Query() query: VoicemailQueryDto) {
    return this.calls.voicemails(TenantScope.of(p), query.mailbox);
  }

  @Get(':id/audio')
  @Roles('admin', 'supervisor')
  @Header('content-type', 'audio/wav')
  @ApiProduces('audio/wav')
  @ApiOperation({ summary: 'The message as WAV (marks it heard)' })
  @ApiOkResponse({ description: 'WAV audio' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async audio(@CurrentUser() p: Principal, @Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.calls.voicemailAudio(TenantScope.of(p), parseId(id)));
  }
}
