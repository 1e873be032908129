import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
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
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { HotlineView } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import {
  CreateHotlineDto,
  HotlineStatusDto,
  HotlineViewDto,
  OperatorHotlineDto,
  OperatorHotlineQueryDto,
  UpdateHotlineDto,
} from './hotline.dto.js';
import { HotlinesService } from './hotlines.service.js';

const TAKEN = '`already_used`: the number belongs to a tenant already (fields: number)';

/** A tenant's hotline numbers (F17, F19): admins ask for and configure them, everyone reads. */
@TenantController('hotlines')
export class HotlinesController {
  constructor(private readonly hotlines: HotlinesService) {}

  @Get()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: "The tenant's hotlines, newest request first" })
  @ApiOkResponse({ type: HotlineViewDto, isArray: true })
  list(@CurrentUser() p: Principal): Promise<HotlineView[]> {
    return this.hotlines.list(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Request a number (status requested); the carrier contacts the company within 48 working hours',
  })
  @ApiCreatedResponse({ type: HotlineViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid fields or not a hotline number' })
  @ApiConflictResponse({ type: ApiErrorDto, description: `${TAKEN}; or \`quota_hotlines_reached\`` })
  create(@CurrentUser() p: Principal, @Body() body: CreateHotlineDto): Promise<HotlineView> {
    return this.hotlines.request(TenantScope.of(p), body);
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'One hotline of the tenant' })
  @ApiOkResponse({ type: HotlineViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<HotlineView> {
    return this.hotlines.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Choose the flow that answers it, make it the outbound caller id, edit the note' })
  @ApiOkResponse({ type: HotlineViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid fields; `unknown_flow` on flowId' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateHotlineDto,
  ): Promise<HotlineView> {
    return this.hotlines.update(TenantScope.of(p), parseId(id), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a requested or suspended number' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description: '`hotline_active` (suspend it first) or `hotline_in_contract`',
  })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.hotlines.remove(TenantScope.of(p), parseId(id));
  }
}

/** Platform operators: every tenant's numbers, the carrier process, direct provisioning. */
@ApiTags('operator-hotlines')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an operator' })
@Roles('operator')
@Controller('operator/hotlines')
export class OperatorHotlinesController {
  constructor(private readonly hotlines: HotlinesService) {}

  @Get()
  @ApiOperation({ summary: 'Hotlines of all tenants (with the tenant name), by status and tenant' })
  @ApiOkResponse({ type: HotlineViewDto, isArray: true })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  list(@Query() query: OperatorHotlineQueryDto): Promise<HotlineView[]> {
    return this.hotlines.listAll(query);
  }

  @Post()
  @ApiOperation({ summary: 'Provision a number for a tenant directly on a trunk (default status active)' })
  @ApiCreatedResponse({ type: HotlineViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid fields; unknown tenant or trunk' })
  @ApiConflictResponse({ type: ApiErrorDto, description: TAKEN })
  create(@CurrentUser() p: Principal, @Body() body: OperatorHotlineDto): Promise<HotlineView> {
    return this.hotlines.provision(p, body);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Move a number along: requested → waiting_contract (due in 48 working hours) → active (needs a trunk) ⇄ suspended',
  })
  @ApiOkResponse({ type: HotlineViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid fields; a trunk is required to activate',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`invalid_transition` (names from and to)' })
  status(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: HotlineStatusDto,
  ): Promise<HotlineView> {
    return this.hotlines.changeStatus(p, parseId(id), body);
  }
}
