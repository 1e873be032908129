import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { TrunkPresetView, TrunkView } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { languageOf } from '../common/language.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { parseId } from '../tenancy/tenant-scope.js';
import { CreateTrunkDto, TrunkPresetDto, TrunkViewDto, UpdateTrunkDto } from './trunk.dto.js';
import { presetViews } from './trunk-presets.js';
import { TrunksService } from './trunks.service.js';

const APPLY_FAILED = '`asterisk_apply_failed`: Asterisk refused the trunk; nothing changed';

/** Platform operators: the carriers' SIP trunks hotlines are reached through (F17). */
@ApiTags('trunks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an operator' })
@Roles('operator')
@Controller()
export class TrunksController {
  constructor(private readonly trunks: TrunksService) {}

  @Get('trunk-presets')
  @ApiOperation({ summary: 'Defaults per carrier (FPT iVoice, CMC Telecom, MobiFone, Viettel, generic SIP)' })
  @ApiOkResponse({ type: TrunkPresetDto, isArray: true })
  presets(@Headers('accept-language') language?: string): TrunkPresetView[] {
    return presetViews(languageOf(language));
  }

  @Get('trunks')
  @ApiOperation({ summary: 'Every trunk, with its hotline count and registration state' })
  @ApiOkResponse({ type: TrunkViewDto, isArray: true })
  list(): Promise<TrunkView[]> {
    return this.trunks.list();
  }

  @Post('trunks')
  @ApiOperation({ summary: 'Add a trunk: pushed to Asterisk (verified) before it is saved' })
  @ApiCreatedResponse({ type: TrunkViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid fields (host, IPs, what the mode needs)',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: the name is taken' })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: APPLY_FAILED })
  create(@CurrentUser() p: Principal, @Body() body: CreateTrunkDto): Promise<TrunkView> {
    return this.trunks.create(p, body);
  }

  @Get('trunks/:id')
  @ApiOperation({ summary: 'One trunk' })
  @ApiOkResponse({ type: TrunkViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id') id: string): Promise<TrunkView> {
    return this.trunks.get(parseId(id));
  }

  @Patch('trunks/:id')
  @ApiOperation({
    summary: 'Change a trunk (a new secret replaces the old one); disabled = removed from Asterisk',
  })
  @ApiOkResponse({ type: TrunkViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: '`already_used` (name), or `trunk_static`: only the name of a static trunk changes',
  })
  @ApiServiceUnavailableResponse({ type: ApiErrorDto, description: APPLY_FAILED })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateTrunkDto,
  ): Promise<TrunkView> {
    return this.trunks.update(p, parseId(id), body);
  }

  @Delete('trunks/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a trunk no hotline uses; it leaves Asterisk at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: '`trunk_in_use` (hotlines on it) or `trunk_static`',
  })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.trunks.remove(p, parseId(id));
  }
}
