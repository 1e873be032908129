import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { SipBlock } from '#contracts';
import { isIP } from 'node:net';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import { SipGuardService } from './sip-guard.service.js';

class SipBlockDto implements SipBlock {
  @ApiProperty({ example: '203.0.113.7' }) address!: string;
  @ApiProperty({ description: 'Failed authentications counted when the block started' }) failures!: number;
  @ApiProperty({ format: 'date-time' }) blockedAt!: string;
  @ApiProperty({ format: 'date-time' }) blockedUntil!: string;
}

/** Platform operators: addresses shut out of SIP after repeated failed authentications. */
@ApiTags('sip-security')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ApiErrorDto })
@ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an operator' })
@Roles('operator')
@Controller('operator/sip-blocks')
export class SipGuardController {
  constructor(private readonly guard: SipGuardService) {}

  @Get()
  @ApiOperation({ summary: 'Source addresses blocked now after failed SIP authentications' })
  @ApiOkResponse({ type: SipBlockDto, isArray: true })
  list(): Promise<SipBlock[]> {
    return this.guard.list();
  }

  @Delete(':address')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift the block of an address before it expires' })
  @ApiNoContentResponse({ description: 'Lifted: the address may register again at once' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The address is not blocked' })
  async lift(@CurrentUser() p: Principal, @Param('address') address: string): Promise<void> {
    if (!isIP(address)) throw new NotFoundError();
    await this.guard.lift(p, address);
  }
}
