import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Tenant, TenantPage } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { parseId } from '../tenancy/tenant-scope.js';
import {
  CreateTenantDto,
  ListTenantsQueryDto,
  SuspendTenantDto,
  TenantDto,
  TenantPageDto,
  UpdateTenantDto,
} from './tenant.dto.js';
import { TenantsService } from './tenants.service.js';

/** Platform operators only: every route answers 403 to tenant users. */
@ApiTags('tenants')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an operator' })
@Roles('operator')
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @ApiOperation({ summary: 'Tenants with quotas and usage, newest first; search by name or slug' })
  @ApiOkResponse({ type: TenantPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  list(@Query() query: ListTenantsQueryDto): Promise<TenantPage> {
    return this.tenants.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a tenant and invite its first admin by mail' })
  @ApiCreatedResponse({ type: TenantDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid fields, or companyName/adminEmail/adminPhone taken',
  })
  create(@CurrentUser() p: Principal, @Body() body: CreateTenantDto): Promise<Tenant> {
    return this.tenants.create(p, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One tenant with quotas and usage' })
  @ApiOkResponse({ type: TenantDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id') id: string): Promise<Tenant> {
    return this.tenants.get(parseId(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or change quotas (the users quota cannot go below usage)' })
  @ApiOkResponse({ type: TenantDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Invalid fields, taken name, `quotas.users` below_usage',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateTenantDto,
  ): Promise<Tenant> {
    return this.tenants.update(p, parseId(id), body);
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Suspend: users signed out and refused (403 tenant_suspended), calls refused' })
  @ApiOkResponse({ type: TenantDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`tenant_already_suspended`' })
  suspend(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: SuspendTenantDto,
  ): Promise<Tenant> {
    return this.tenants.suspend(p, parseId(id), body.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reactivate a suspended tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`tenant_not_suspended`' })
  reactivate(@CurrentUser() p: Principal, @Param('id') id: string): Promise<Tenant> {
    return this.tenants.reactivate(p, parseId(id));
  }
}
