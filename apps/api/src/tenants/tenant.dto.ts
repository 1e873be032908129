import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CreateTenantRequest,
  SuspendTenantRequest,
  Tenant,
  TenantPage,
  TenantOutboundPolicy,
  TenantQuotas,
  TenantStatus,
  TenantUsage,
  UpdateTenantRequest,
} from '#contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  Matches,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { collapseSpaces, normalizeEmail } from '../auth/dto/signup.dto.js';
import { IsVietnamesePhone, normalizeVietnamesePhone } from '../auth/phone.js';
import { PageQueryDto } from '../common/query.js';

export const DEFAULT_QUOTAS: TenantQuotas = { users: 20, concurrentCalls: 10, hotlines: 5 };

export class ListTenantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the company name or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsString()
  @IsIn(['active', 'suspended'])
  status?: TenantStatus;
}

export class QuotasDto implements Partial<TenantQuotas> {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: DEFAULT_QUOTAS.users })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  users?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: DEFAULT_QUOTAS.concurrentCalls })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  concurrentCalls?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: DEFAULT_QUOTAS.hotlines })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  hotlines?: number;
}

export class OutboundPolicyDto implements Partial<TenantOutboundPolicy> {
  @ApiPropertyOptional({ description: 'International calls allowed (default off)' })
  @IsOptional()
  @IsBoolean()
  international?: boolean;

  @ApiPropertyOptional({ description: '1900 premium-rate calls allowed (default off)' })
  @IsOptional()
  @IsBoolean()
  premium?: boolean;

  @ApiPropertyOptional({
    type: [String],
    example: ['09', '03', '028'],
    description: 'Only national numbers starting with one of these (empty: any)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^\d{1,10}$/, { each: true })
  prefixes?: string[];
}

export class CreateTenantDto implements CreateTenantRequest {
  @ApiProperty({ maxLength: 200, example: 'Công ty TNHH Bình Minh' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  companyName!: string;

  @ApiProperty({ maxLength: 100, example: 'Lê Văn Cường' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  adminFullName!: string;

  @ApiProperty({ maxLength: 254, example: 'cuong@example.com' })
  @Transform(normalizeEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsEmail()
  adminEmail!: string;

  @ApiPropertyOptional({ description: 'Vietnamese mobile number', example: '0912345678' })
  @IsOptional()
  @Transform(({ value }) => normalizeVietnamesePhone(value))
  @IsString()
  @IsVietnamesePhone()
  adminPhone?: string;

  @ApiPropertyOptional({ type: QuotasDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuotasDto)
  quotas?: QuotasDto;
}

export class UpdateTenantDto implements UpdateTenantRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  companyName?: string;

  @ApiPropertyOptional({ type: QuotasDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuotasDto)
  quotas?: QuotasDto;

  @ApiPropertyOptional({ type: OutboundPolicyDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OutboundPolicyDto)
  outbound?: OutboundPolicyDto;
}

export class SuspendTenantDto implements SuspendTenantRequest {
  @ApiPropertyOptional({ maxLength: 500, example: 'Chưa thanh toán' })
  @IsOptional()
  @Transform(collapseSpaces)
  @IsString()
  @MaxLength(500)
  reason?: string;
}

class TenantQuotasDto implements TenantQuotas {
  @ApiProperty() users!: number;
  @ApiProperty() concurrentCalls!: number;
  @ApiProperty() hotlines!: number;
}

class TenantOutboundDto implements TenantOutboundPolicy {
  @ApiProperty() international!: boolean;
  @ApiProperty() premium!: boolean;
  @ApiProperty({ type: [String] }) prefixes!: string[];
}

class TenantUsageDto implements TenantUsage {
  @ApiProperty() users!: number;
  @ApiProperty() activeCalls!: number;
  @ApiProperty() hotlines!: number;
  @ApiProperty() callsLast30Days!: number;
}

export class TenantDto implements Tenant {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: TenantStatus;
  @ApiProperty({ type: TenantQuotasDto }) quotas!: TenantQuotasDto;
  @ApiProperty({ type: TenantOutboundDto }) outbound!: TenantOutboundDto;
  @ApiProperty({ type: TenantUsageDto }) usage!: TenantUsageDto;
  @ApiProperty({ type: String, nullable: true }) adminEmail!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) suspendedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) suspendReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TenantPageDto implements TenantPage {
  @ApiProperty({ type: [TenantDto] }) items!: TenantDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
