import { Body, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import type { DeviceInfo } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId } from '../tenancy/tenant-scope.js';
import { DeviceInfoDto, UpdateDeviceDto } from './device.dto.js';
import { DevicesService } from './devices.service.js';

const APPLY_FAILED = {
  type: ApiErrorDto,
  description: '`asterisk_apply_failed`: Asterisk refused; nothing changed',
};

/** The signed-in user's own phone (F4, F5). */
@TenantController('me/device')
export class MyDeviceController {
  constructor(private readonly devices: DevicesService) {}

  @Get()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'My extension, device mode and SIP account (with its password)' })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`no_device`' })
  get(@CurrentUser() p: Principal): Promise<DeviceInfo> {
    return this.devices.get(p, p.userId);
  }

  @Put()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'Switch between WebPhone and SIP mode; Asterisk is updated at once' })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  setMode(@CurrentUser() p: Principal, @Body() body: UpdateDeviceDto): Promise<DeviceInfo> {
    return this.devices.setMode(p, p.userId, body.mode);
  }

  @Post('password')
  @HttpCode(HttpStatus.OK)
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'New SIP password (the old one stops working at once)' })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  regenerate(@CurrentUser() p: Principal): Promise<DeviceInfo> {
    return this.devices.regeneratePassword(p, p.userId);
  }
}

/** Admins manage any user's phone of their tenant. */
@TenantController('users')
export class UserDeviceController {
  constructor(private readonly devices: DevicesService) {}

  @Get(':id/device')
  @Roles('admin')
  @ApiOperation({ summary: "A user's extension, device mode and SIP account" })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`no_device`: invited, disabled or deleted' })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<DeviceInfo> {
    return this.devices.get(p, parseId(id));
  }

  @Put(':id/device')
  @Roles('admin')
  @ApiOperation({ summary: "Switch a user's device mode" })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  setMode(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateDeviceDto,
  ): Promise<DeviceInfo> {
    return this.devices.setMode(p, parseId(id), body.mode);
  }

  @Post(':id/device/password')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: "New SIP password for a user's phone" })
  @ApiOkResponse({ type: DeviceInfoDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  regenerate(@CurrentUser() p: Principal, @Param('id') id: string): Promise<DeviceInfo> {
    return this.devices.regeneratePassword(p, parseId(id));
  }
}
