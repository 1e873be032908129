import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MIN_LENGTH, type SignupRequest } from '#contracts';
import { Transform } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsVietnamesePhone, normalizeVietnamesePhone } from '../phone.js';

export const PASSWORD_MAX_LENGTH = 128;

/** Trims and collapses inner white space of strings; other values pass through to validation. */
export const collapseSpaces = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;
export const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class SignupDto implements SignupRequest {
  @ApiProperty({ maxLength: 100, example: 'Nguyễn Văn An' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullName!: string;

  @ApiProperty({ maxLength: 200, example: 'Công ty TNHH An Phát' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  companyName!: string;

  @ApiProperty({ maxLength: 254, example: 'an@example.com' })
  @Transform(normalizeEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ description: 'Vietnamese mobile number, 0xxxxxxxxx or +84xxxxxxxxx', example: '0912345678' })
  @Transform(({ value }) => normalizeVietnamesePhone(value))
  @IsString()
  @IsNotEmpty()
  @IsVietnamesePhone()
  phone!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ description: 'Must be true', example: true })
  @IsBoolean()
  @Equals(true)
  acceptTerms!: boolean;

  @ApiPropertyOptional({ description: 'Bot trap: leave empty' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;

  @ApiPropertyOptional({ description: 'Milliseconds since the form was shown' })
  @IsOptional()
  @IsInt()
  @Min(0)
  formElapsedMs?: number;
}
