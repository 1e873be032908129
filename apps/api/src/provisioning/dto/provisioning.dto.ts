import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IP_PHONE_VENDORS,
  PROVISIONING_FORMATS,
  type IpPhone,
  type IpPhoneRequest,
  type IpPhoneSaved,
  type IpPhoneVendor,
  type PhoneProvisioningInfo,
  type ProvisioningFormat,
  type ProvisioningLink,
  type UpdateIpPhoneRequest,
} from '#contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { collapseSpaces } from '../../auth/dto/signup.dto.js';

export class ProvisioningLinkDto implements ProvisioningLink {
  @ApiProperty({ example: 'https://webcall.example.com/api/provision/3q2-…' }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'SVG document of a QR code of `url`' }) qrSvg!: string;
}

export class ProvisionQueryDto {
  @ApiPropertyOptional({
    enum: PROVISIONING_FORMATS,
    default: 'linphone',
    description:
      '`linphone`: Linphone remote-provisioning XML (lpconfig.xsd). `json`: `{format: "webcall-sip-account", version: 1, displayName, extension, domain, username, password, transports[]}`',
  })
  @IsOptional()
  @IsIn(PROVISIONING_FORMATS)
  format?: ProvisioningFormat;
}

/** Empty strings mean "none" for the optional texts. */
const blankToNull = ({ value }: { value: unknown }) => {
  const collapsed = collapseSpaces({ value });
  return collapsed === '' ? null : collapsed;
};

export class CreateIpPhoneDto implements IpPhoneRequest {
  @ApiProperty({ example: '00:15:65:AB:CD:EF', description: '`aa:bb:…`, `aa-bb-…` or 12 hex digits' })
  @IsString()
  @MaxLength(32)
  mac!: string;

  @ApiProperty({ enum: IP_PHONE_VENDORS })
  @IsString()
  @IsIn(IP_PHONE_VENDORS)
  vendor!: IpPhoneVendor;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 64, example: 'T46U' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(64)
  model?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Quầy lễ tân' })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  label?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'A user of the tenant; in WebPhone mode they are switched to SIP mode',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  userId?: number | null;
}

export class UpdateIpPhoneDto implements UpdateIpPhoneRequest {
  @ApiPropertyOptional({ example: '00:15:65:AB:CD:EF' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  mac?: string;

  @ApiPropertyOptional({ enum: IP_PHONE_VENDORS })
  @IsOptional()
  @IsString()
  @IsIn(IP_PHONE_VENDORS)
  vendor?: IpPhoneVendor;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 64 })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(64)
  model?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @Transform(blankToNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  label?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  userId?: number | null;
}

class IpPhoneUserDto {
  @ApiProperty() id!: number;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true }) extension!: string | null;
}

export class IpPhoneDto implements IpPhone {
  @ApiProperty() id!: number;
  @ApiProperty({ example: '001565abcdef' }) mac!: string;
  @ApiProperty({ enum: IP_PHONE_VENDORS }) vendor!: IpPhoneVendor;
  @ApiProperty({ type: String, nullable: true }) model!: string | null;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty({ type: IpPhoneUserDto, nullable: true }) user!: IpPhoneUserDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastProvisionedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastProvisionedIp!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class IpPhoneSavedDto extends IpPhoneDto implements IpPhoneSaved {
  @ApiProperty({ description: 'The assigned user was switched from WebPhone to SIP mode' })
  userSwitchedToSip!: boolean;
}

export class PhoneProvisioningInfoDto implements PhoneProvisioningInfo {
  @ApiProperty({ example: 'https://webcall.example.com/api/provision/phones/Xy3…/' }) serverUrl!: string;
}
