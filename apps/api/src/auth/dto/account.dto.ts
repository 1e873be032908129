import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PASSWORD_MIN_LENGTH,
  SUPPORTED_LANGUAGES,
  type ChangePasswordRequest,
  type Language,
  type UpdateProfileRequest,
} from '#contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsVietnamesePhone, normalizeVietnamesePhone } from '../phone.js';
import { collapseSpaces, PASSWORD_MAX_LENGTH } from './signup.dto.js';

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ maxLength: 100, example: 'Nguyễn Văn An' })
  @IsOptional()
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullName?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Vietnamese mobile number; null clears it',
    example: '0912345678',
  })
  @Transform(({ value }) => (value === null ? null : normalizeVietnamesePhone(value)))
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @IsVietnamesePhone()
  phone?: string | null;

  @ApiPropertyOptional({ enum: SUPPORTED_LANGUAGES })
  @IsOptional()
  @IsIn(SUPPORTED_LANGUAGES)
  language?: Language;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}
