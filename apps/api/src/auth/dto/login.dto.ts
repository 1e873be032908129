import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '#contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { normalizeEmail, PASSWORD_MAX_LENGTH } from './signup.dto.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ maxLength: 254, example: 'an@example.com' })
  @Transform(normalizeEmail)
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH, format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
