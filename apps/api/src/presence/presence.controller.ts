import { Body, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
} from '@nestjs/swagger';
import {
  PRESENCE_CHOICES,
  PRESENCE_STATES,
  type PresenceChoice,
  type PresenceEntry,
  type PresenceState,
  type UpdatePresenceRequest,
} from '#contracts';
import { IsIn, IsString } from 'class-validator';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { PresenceService } from './presence.service.js';

class PresenceEntryDto implements PresenceEntry {
  @ApiProperty() userId!: number;
  @ApiProperty() fullName!: string;
  @ApiProperty({ example: '1001' }) extension!: string;
  @ApiProperty({ enum: PRESENCE_STATES }) state!: PresenceState;
}

class UpdatePresenceDto implements UpdatePresenceRequest {
  @ApiProperty({ enum: PRESENCE_CHOICES })
  @IsString()
  @IsIn(PRESENCE_CHOICES)
  state!: PresenceChoice;
}

@TenantController('presence')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({
    summary: "Live state of the tenant's users: offline, available, ringing, on a call, dnd, away",
  })
  @ApiOkResponse({ type: [PresenceEntryDto] })
  list(@CurrentUser() p: Principal): Promise<PresenceEntry[]> {
    return this.presence.list(TenantScope.of(p));
  }
}

@TenantController('me/presence')
export class MyPresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Put()
  @Roles('admin', 'supervisor', 'agent')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set my own presence: available, dnd (internal calls do not ring me) or away' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto })
  async set(@CurrentUser() p: Principal, @Body() body: UpdatePresenceDto): Promise<void> {
    await this.presence.setChoice(TenantScope.of(p), body.state);
  }
}
