import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  TRUNK_AUTH_MODE_IDS,
  TRUNK_CODEC_IDS,
  TRUNK_PRESET_IDS,
  TRUNK_TRANSPORT_IDS,
  type TrunkCodecId,
  type TrunkPresetId,
  type TrunkPresetView,
  type TrunkRequest,
  type TrunkView,
} from '#contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;
const present = (_o: object, v: unknown) => v !== null && v !== undefined;

/** POST /api/trunks. The service checks what each auth mode needs (host, user, secret, IPs). */
export class CreateTrunkDto implements TrunkRequest {
  @ApiProperty({ maxLength: 100, example: 'FPT iVoice – HCM' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: TRUNK_PRESET_IDS })
  @IsString()
  @IsIn(TRUNK_PRESET_IDS)
  preset!: TrunkPresetId;

  @ApiProperty({ enum: TRUNK_AUTH_MODE_IDS })
  @IsString()
  @IsIn(TRUNK_AUTH_MODE_IDS)
  authMode!: 'ip' | 'registration';

  @ApiPropertyOptional({
    maxLength: 255,
    description: 'SIP server (host name or IP); required for registration',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(255)
  host?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 65535, default: 5060 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ enum: TRUNK_TRANSPORT_IDS, default: 'udp' })
  @IsOptional()
  @IsString()
  @IsIn(TRUNK_TRANSPORT_IDS)
  transport?: 'udp' | 'tcp' | 'tls';

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 })
  @Transform(trim)
  @ValidateIf(present)
  @IsString()
  @MaxLength(255)
  fromDomain?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 64, description: 'Registration user name' })
  @Transform(trim)
  @ValidateIf(present)
  @IsString()
  @MaxLength(64)
  username?: string | null;

  @ApiPropertyOptional({
    maxLength: 60,
    writeOnly: true,
    description: 'Registration password (never returned)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  secret?: string;

  @ApiPropertyOptional({ type: [String], example: ['203.0.113.10', '198.51.100.0/28'] })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(43, { each: true })
  matchIps?: string[];

  @ApiPropertyOptional({ type: [String], enum: TRUNK_CODEC_IDS, default: ['alaw', 'ulaw'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TRUNK_CODEC_IDS, { each: true })
  codecs?: TrunkCodecId[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10000 })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(10000)
  maxChannels?: number | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** PATCH: any subset; the service checks the merged trunk as a whole. */
export class UpdateTrunkDto extends PartialType(CreateTrunkDto) {}

export class TrunkViewDto implements TrunkView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRUNK_PRESET_IDS }) preset!: TrunkPresetId;
  @ApiProperty({ enum: TRUNK_AUTH_MODE_IDS }) authMode!: 'ip' | 'registration';
  @ApiProperty() host!: string;
  @ApiProperty() port!: number;
  @ApiProperty({ enum: TRUNK_TRANSPORT_IDS }) transport!: 'udp' | 'tcp' | 'tls';
  @ApiProperty({ type: String, nullable: true }) fromDomain!: string | null;
  @ApiProperty({ type: String, nullable: true }) username!: string | null;
  @ApiProperty({ description: 'A registration password is stored (it is never returned)' })
  hasSecret!: boolean;
  @ApiProperty({ type: [String] }) matchIps!: string[];
  @ApiProperty({ type: [String] }) codecs!: string[];
  @ApiProperty({ type: Number, nullable: true }) maxChannels!: number | null;
  @ApiProperty({ example: 'trunk-3' }) endpointName!: string;
  @ApiProperty({ description: 'false: defined statically in pjsip.conf (the loopback carrier)' })
  managed!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Registered' }) registration!: string | null;
  @ApiProperty({ description: 'Hotlines on this trunk' }) hotlines!: number;
}

export class TrunkPresetDto implements TrunkPresetView {
  @ApiProperty({ enum: TRUNK_PRESET_IDS }) id!: TrunkPresetId;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TRUNK_AUTH_MODE_IDS }) authMode!: 'ip' | 'registration';
  @ApiProperty({ enum: TRUNK_TRANSPORT_IDS }) transport!: 'udp' | 'tcp' | 'tls';
  @ApiProperty() port!: number;
  @ApiProperty({ type: [String] }) codecs!: TrunkCodecId[];
  @ApiProperty() host!: string;
  @ApiProperty() fromDomain!: string;
  @ApiProperty() note!: string;
}
