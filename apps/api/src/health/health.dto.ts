import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentHealth, ComponentStatus, HealthComponentName, HealthResponse } from '#contracts';

export class ComponentHealthDto implements ComponentHealth {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: ComponentStatus;

  @ApiPropertyOptional({ description: 'Round-trip time of the probe in ms' })
  latencyMs?: number;

  @ApiPropertyOptional({ description: 'Why the component is down' })
  detail?: string;
}

class HealthComponentsDto implements Record<HealthComponentName, ComponentHealth> {
  @ApiProperty({ type: ComponentHealthDto })
  database!: ComponentHealthDto;

  @ApiProperty({ type: ComponentHealthDto, description: 'Asterisk REST Interface' })
  ari!: ComponentHealthDto;

  @ApiProperty({ type: ComponentHealthDto, description: 'Asterisk Manager Interface' })
  ami!: ComponentHealthDto;
}

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ format: 'date-time' })
  checkedAt!: string;

  @ApiProperty({ type: HealthComponentsDto })
  components!: HealthComponentsDto;
}
