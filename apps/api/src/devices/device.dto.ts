import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEVICE_MODES,
  type DeviceInfo,
  type DeviceMode,
  type SipTransport,
  type UpdateDeviceRequest,
} from '#contracts';
import { IsIn, IsString } from 'class-validator';

export class UpdateDeviceDto implements UpdateDeviceRequest {
  @ApiProperty({ enum: DEVICE_MODES })
  @IsString()
  @IsIn(DEVICE_MODES)
  mode!: DeviceMode;
}

class SipTransportDto implements SipTransport {
  @ApiProperty({ enum: ['udp', 'tcp', 'tls', 'ws', 'wss'] }) protocol!: SipTransport['protocol'];
  @ApiProperty({ example: 'sip.example.com' }) host!: string;
  @ApiProperty({ example: 5060 }) port!: number;
}

class SipAccountDto {
  @ApiProperty({ example: 'sip.example.com' }) domain!: string;
  @ApiProperty({ example: 't42-1001' }) username!: string;
  @ApiPropertyOptional({ description: 'Only for the owner and tenant admins' }) password?: string;
  @ApiProperty({ type: [SipTransportDto] }) transports!: SipTransportDto[];
}

class WebphoneDto {
  @ApiProperty({ example: 'wss://sip.example.com/ws' }) wsUrl!: string;
}

export class DeviceInfoDto implements DeviceInfo {
  @ApiProperty({ enum: DEVICE_MODES }) mode!: DeviceMode;
  @ApiProperty({ type: String, nullable: true, example: '1001' }) extension!: string | null;
  @ApiProperty({ type: SipAccountDto }) sip!: SipAccountDto;
  @ApiProperty({ type: WebphoneDto }) webphone!: WebphoneDto;
}
