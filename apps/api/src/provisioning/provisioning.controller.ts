import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { IpPhone, IpPhoneSaved, PhoneProvisioningInfo, ProvisioningLink } from '#contracts';
import type { Request, Response } from 'express';
import { ApiErrorDto, SignupConflictDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { Public } from '../common/public.decorator.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import {
  CreateIpPhoneDto,
  IpPhoneDto,
  IpPhoneSavedDto,
  PhoneProvisioningInfoDto,
  ProvisioningLinkDto,
  ProvisionQueryDto,
  UpdateIpPhoneDto,
} from './dto/provisioning.dto.js';
import { IpPhonesService } from './ip-phones.service.js';
import { ProvisioningLinksService, type RenderedFile } from './provisioning-links.service.js';

const NOT_SIP = { type: ApiErrorDto, description: '`not_sip_mode` (WebPhone mode) or `no_device`' };

/** The signed-in user's softphone link (F5). */
@TenantController('me/device')
export class MyProvisioningLinkController {
  constructor(private readonly links: ProvisioningLinksService) {}

  @Post('provisioning-link')
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({
    summary: 'A one-time link (24 h) and its QR code that set up a softphone with my SIP account',
    description: 'Earlier unused links of the user stop working.',
  })
  @ApiCreatedResponse({ type: ProvisioningLinkDto })
  @ApiConflictResponse(NOT_SIP)
  create(@CurrentUser() p: Principal): Promise<ProvisioningLink> {
    return this.links.create(p, p.userId);
  }
}

/** Admins make links for their tenant's users. */
@TenantController('users')
export class UserProvisioningLinkController {
  constructor(private readonly links: ProvisioningLinksService) {}

  @Post(':id/device/provisioning-link')
  @Roles('admin')
  @ApiOperation({ summary: "A one-time softphone link (24 h) with a user's SIP account" })
  @ApiCreatedResponse({ type: ProvisioningLinkDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse(NOT_SIP)
  create(@CurrentUser() p: Principal, @Param('id') id: string): Promise<ProvisioningLink> {
    return this.links.create(p, parseId(id));
  }
}

/** Per client IP and minute, for both public routes (set from the config at start-up). */
let publicLimit = 30;

/**
 * What devices fetch without a session: softphone links and desk-phone files. Every failure is
 * the same 404, so probing tells nothing; rate-limited per client IP.
 */
@ApiTags('provision')
@Public()
@UseGuards(ThrottlerGuard)
@Throttle({ default: { limit: () => publicLimit, ttl: 60_000 } })
@Controller('provision')
export class ProvisionController {
  constructor(
    private readonly links: ProvisioningLinksService,
    private readonly phones: IpPhonesService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    publicLimit = config.PROVISIONING_RATE_LIMIT_PER_MINUTE;
  }

  @Get('phones/:tenantKey/:file')
  @ApiOperation({
    summary: "A desk phone's provisioning file (Yealink: `<mac>.cfg`, `y0000000000xx.cfg`)",
    description:
      "`tenantKey` is the tenant's provisioning key (see GET /api/ip-phones/provisioning). A phone with no user, or whose user is not in SIP mode, gets its line disabled. When the User-Agent names a MAC it must be the file's.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Wrong key, unknown file or MAC: all alike' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto })
  async phoneFile(
    @Param('tenantKey') key: string,
    @Param('file') file: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return send(
      res,
      await this.phones.file(key, file, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] }),
    );
  }

  @Get(':token')
  @ApiOperation({
    summary: 'A softphone link: the SIP account, once',
    description:
      'Linphone remote-provisioning XML by default. After one successful fetch, and after 24 h, the link answers 404 like an unknown one.',
  })
  @ApiProduces('application/xml', 'application/json')
  @ApiOkResponse({ description: 'The account', schema: { type: 'string' } })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Unknown `format`' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Unknown, used or expired: all alike' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto })
  async redeem(
    @Param('token') token: string,
    @Query() query: ProvisionQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return send(res, await this.links.redeem(token, query.format ?? 'linphone'));
  }
}

/** Secrets inside: never cached by anyone on the way. */
function send(res: Response, file: RenderedFile): string {
  res.setHeader('content-type', file.contentType);
  res.setHeader('cache-control', 'no-store');
  return file.body;
}

/** Where a tenant's phones fetch their files (its URL holds the secret key). */
@TenantController('ip-phones/provisioning')
export class IpPhoneProvisioningController {
  constructor(private readonly phones: IpPhonesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The provisioning server URL for the phones (DHCP option 66 or the phone)' })
  @ApiOkResponse({ type: PhoneProvisioningInfoDto })
  info(@CurrentUser() p: Principal): Promise<PhoneProvisioningInfo> {
    return this.phones.provisioningInfo(TenantScope.of(p));
  }

  @Post('regenerate')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'A new provisioning key: the old URL stops working at once' })
  @ApiOkResponse({ type: PhoneProvisioningInfoDto })
  regenerate(@CurrentUser() p: Principal): Promise<PhoneProvisioningInfo> {
    return this.phones.regenerateKey(TenantScope.of(p));
  }
}

const APPLY_FAILED = {
  type: ApiErrorDto,
  description: '`asterisk_apply_failed`: switching the user to SIP mode failed; nothing changed',
};

/** The tenant's zero-touch IP phones (F6). */
@TenantController('ip-phones')
export class IpPhonesController {
  constructor(private readonly phones: IpPhonesService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's IP phones" })
  @ApiOkResponse({ type: [IpPhoneDto] })
  list(@CurrentUser() p: Principal): Promise<IpPhone[]> {
    return this.phones.list(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register a phone by MAC, optionally for a user (switched to SIP mode if needed)',
  })
  @ApiCreatedResponse({ type: IpPhoneSavedDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: '`mac` invalid_mac, `userId` user_without_phone…',
  })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such user in this tenant' })
  @ApiConflictResponse({ type: SignupConflictDto, description: '`already_used` with `fields: ["mac"]`' })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  create(@CurrentUser() p: Principal, @Body() body: CreateIpPhoneDto): Promise<IpPhoneSaved> {
    return this.phones.create(TenantScope.of(p), body);
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: 'One IP phone of the tenant' })
  @ApiOkResponse({ type: IpPhoneDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<IpPhone> {
    return this.phones.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a phone (MAC, vendor, model, label, user)' })
  @ApiOkResponse({ type: IpPhoneSavedDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: SignupConflictDto })
  @ApiServiceUnavailableResponse(APPLY_FAILED)
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateIpPhoneDto,
  ): Promise<IpPhoneSaved> {
    return this.phones.update(TenantScope.of(p), parseId(id), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a phone (its next fetch gets 404)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.phones.remove(TenantScope.of(p), parseId(id));
  }
}
