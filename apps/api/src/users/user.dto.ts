import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TENANT_ROLES,
  type CreateUserRequest,
  type TenantRole,
  type TenantUser,
  type UpdateUserRequest,
  type UserPage,
  type UserRole,
  type UserStatus,
} from '#contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { collapseSpaces, normalizeEmail } from '../auth/dto/signup.dto.js';
import { IsVietnamesePhone, normalizeVietnamesePhone } from '../auth/phone.js';
import { PageQueryDto, toInt } from '../common/query.js';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name, email, phone or extension' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ description: "Only this group's members" })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  groupId?: number;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ maxLength: 100, example: 'Trần Thị Bình' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullName!: string;

  @ApiProperty({ maxLength: 254, example: 'binh@example.com' })
  @Transform(normalizeEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ description: 'Vietnamese mobile number', example: '0912345678' })
  @IsOptional()
  @Transform(({ value }) => normalizeVietnamesePhone(value))
  @IsString()
  @IsVietnamesePhone()
  phone?: string;

  @ApiProperty({ enum: TENANT_ROLES })
  @IsString()
  @IsIn(TENANT_ROLES)
  role!: TenantRole;

  @ApiPropertyOptional({ type: [Number], description: 'Groups of this tenant' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  groupIds?: number[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Vietnamese mobile number; null clears it' })
  @Transform(({ value }) => (value === null ? null : normalizeVietnamesePhone(value)))
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @IsVietnamesePhone()
  phone?: string | null;

  @ApiPropertyOptional({ enum: TENANT_ROLES })
  @IsOptional()
  @IsString()
  @IsIn(TENANT_ROLES)
  role?: TenantRole;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  groupIds?: number[];

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsString()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class TenantUserDto implements TenantUser {
  @ApiProperty() id!: number;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true, example: '+84912345678' }) phone!: string | null;
  @ApiProperty({ enum: ['operator', 'admin', 'supervisor', 'agent'] }) role!: UserRole;
  @ApiProperty({ enum: ['invited', 'active', 'disabled', 'deleted'] }) status!: UserStatus;
  @ApiProperty({ type: String, nullable: true, example: '1001' }) extension!: string | null;
  @ApiProperty({ type: [Number] }) groupIds!: number[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserPageDto implements UserPage {
  @ApiProperty({ type: [TenantUserDto] }) items!: TenantUserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
