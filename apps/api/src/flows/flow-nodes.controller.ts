import {
  Body,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  type Type,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { languageOf } from '../common/language.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { FlowNodeDto, FlowNodeRequestDto } from './flow.dto.js';
import { FlowNodesService, type NodeResourceType } from './flow-nodes.service.js';

/** One controller class per node resource (`/api/shifts`, `/api/ivrs`), ids `<flowId>.<nodeId>`. */
function nodeController(path: string, type: NodeResourceType, what: string): Type<unknown> {
  @TenantController(path)
  class NodeController {
    constructor(readonly nodes: FlowNodesService) {}

    @Get()
    @Roles('admin', 'supervisor')
    @ApiOperation({ summary: `The ${what} of all the tenant's flow drafts` })
    @ApiOkResponse({ type: [FlowNodeDto] })
    list(@CurrentUser() p: Principal) {
      return this.nodes.list(TenantScope.of(p), type);
    }

    @Post()
    @Roles('admin')
    @ApiOperation({ summary: `Add a ${what} to a flow's draft (validated like a draft save)` })
    @ApiCreatedResponse({ type: FlowNodeDto })
    @ApiBadRequestResponse({ type: ApiErrorDto })
    create(
      @CurrentUser() p: Principal,
      @Body() body: FlowNodeRequestDto,
      @Headers('accept-language') lang?: string,
    ) {
      return this.nodes.create(TenantScope.of(p), type, body.flowId, body.node, languageOf(lang));
    }

    @Get(':id')
    @Roles('admin', 'supervisor')
    @ApiOperation({ summary: `One ${what} (id \`<flowId>.<nodeId>\`)` })
    @ApiOkResponse({ type: FlowNodeDto })
    @ApiNotFoundResponse({ type: ApiErrorDto })
    get(@CurrentUser() p: Principal, @Param('id') id: string) {
      return this.nodes.get(TenantScope.of(p), type, id);
    }

    @Put(':id')
    @Roles('admin')
    @ApiOperation({ summary: `Replace a ${what} in its flow's draft` })
    @ApiOkResponse({ type: FlowNodeDto })
    @ApiBadRequestResponse({ type: ApiErrorDto })
    @ApiNotFoundResponse({ type: ApiErrorDto })
    update(
      @CurrentUser() p: Principal,
      @Param('id') id: string,
      @Body() body: FlowNodeRequestDto,
      @Headers('accept-language') lang?: string,
    ) {
      return this.nodes.update(TenantScope.of(p), type, id, body.node, languageOf(lang));
    }

    @Delete(':id')
    @Roles('admin')
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiOperation({ summary: `Remove a ${what} (refused while other steps lead to it)` })
    @ApiNoContentResponse()
    @ApiConflictResponse({ type: ApiErrorDto, description: '`node_in_use`' })
    @ApiNotFoundResponse({ type: ApiErrorDto })
    async remove(
      @CurrentUser() p: Principal,
      @Param('id') id: string,
      @Headers('accept-language') lang?: string,
    ): Promise<void> {
      await this.nodes.remove(TenantScope.of(p), type, id, languageOf(lang));
    }
  }
  Object.defineProperty(NodeController, 'name', {
    value: `${type[0]!.toUpperCase()}${type.slice(1)}NodesController`,
  });
  return NodeController;
}

export const ShiftsController = nodeController('shifts', 'shift', 'work shifts');
export const IvrsController = nodeController('ivrs', 'ivr', 'IVR menus');
