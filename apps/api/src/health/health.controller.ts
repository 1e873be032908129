import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Public } from '../common/public.decorator.js';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthResponseDto } from './health.dto.js';
import { HealthService } from './health.service.js';
import { APP_VERSION } from '../version.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Status of the database, ARI and AMI' })
  @ApiOkResponse({ type: HealthResponseDto, description: 'Every component is up' })
  @ApiServiceUnavailableResponse({ type: HealthResponseDto, description: 'At least one component is down' })
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthResponseDto> {
    const result = await this.health.check(APP_VERSION);
    res.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
