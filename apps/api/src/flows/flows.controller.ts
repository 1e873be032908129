import { Body, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FlowView } from '#contracts';
import type { Simulation } from '#flow-engine';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { languageOf } from '../common/language.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import {
  CreateFlowDto,
  FlowDto,
  FlowVersionDto,
  SimulateFlowDto,
  SimulationDto,
  UpdateFlowDto,
} from './flow.dto.js';
import { FlowsService } from './flows.service.js';

const INVALID = {
  type: ApiErrorDto,
  description: '`validation_failed` (fields) or `flow_invalid` with `problems` naming node and field',
};

/** The tenant's call flows (issue 5 §1): drafts, publishing, versions, simulation. */
@TenantController('flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's call flows with their problems and hotlines" })
  @ApiOkResponse({ type: [FlowDto] })
  list(@CurrentUser() p: Principal, @Headers('accept-language') lang?: string): Promise<FlowView[]> {
    return this.flows.list(TenantScope.of(p), languageOf(lang));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a flow (default draft: one hang-up step)' })
  @ApiCreatedResponse({ type: FlowDto })
  @ApiBadRequestResponse(INVALID)
  create(
    @CurrentUser() p: Principal,
    @Body() body: CreateFlowDto,
    @Headers('accept-language') lang?: string,
  ): Promise<FlowView> {
    return this.flows.create(TenantScope.of(p), body.name, body.draft, languageOf(lang));
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'One flow' })
  @ApiOkResponse({ type: FlowDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Headers('accept-language') lang?: string,
  ): Promise<FlowView> {
    return this.flows.get(TenantScope.of(p), parseId(id), languageOf(lang));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Rename and/or save the draft (validated: only unreachable steps may remain, they block publishing)',
  })
  @ApiOkResponse({ type: FlowDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateFlowDto,
    @Headers('accept-language') lang?: string,
  ): Promise<FlowView> {
    return this.flows.update(TenantScope.of(p), parseId(id), body, languageOf(lang));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a flow (refused while a hotline points to it)' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ApiErrorDto, description: '`flow_in_use`' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.flows.remove(TenantScope.of(p), parseId(id));
  }

  @Post(':id/publish')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Publish the draft as the next version: new calls use it, calls in progress finish on theirs',
  })
  @ApiOkResponse({ type: FlowDto })
  @ApiBadRequestResponse(INVALID)
  @ApiNotFoundResponse({ type: ApiErrorDto })
  publish(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Headers('accept-language') lang?: string,
  ): Promise<FlowView> {
    return this.flows.publish(TenantScope.of(p), parseId(id), languageOf(lang));
  }

  @Get(':id/versions')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'Published versions, newest first' })
  @ApiOkResponse({ type: [FlowVersionDto] })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  versions(@CurrentUser() p: Principal, @Param('id') id: string) {
    return this.flows.versions(TenantScope.of(p), parseId(id));
  }

  @Post(':id/simulate')
  @Roles('admin', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The path a call would take (same interpreter as live calls)' })
  @ApiOkResponse({ type: SimulationDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  simulate(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: SimulateFlowDto,
  ): Promise<Simulation> {
    return this.flows.simulate(TenantScope.of(p), parseId(id), body);
  }
}
