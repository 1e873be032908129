import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ApiErrorBody,
  FieldError,
  Language,
  LoginResponse,
  SessionUser,
  SignupConflictBody,
  UserRole,
} from '#contracts';

export class SessionUserDto implements SessionUser {
  @ApiProperty() id!: number;
  @ApiProperty({ type: Number, nullable: true }) tenantId!: number | null;
  @ApiProperty({ type: String, nullable: true }) tenantName!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true, example: '+84912345678' }) phone!: string | null;
  @ApiProperty({ enum: ['operator', 'admin', 'supervisor', 'agent'] }) role!: UserRole;
  @ApiProperty({ enum: ['vi', 'en'] }) language!: Language;
  @ApiProperty({ type: String, nullable: true }) extension!: string | null;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'HS256 JWT; send as `Authorization: Bearer …`' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn!: number;
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
}

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'required' }) code!: string;
  @ApiProperty() message!: string;
}

export class ApiErrorDto implements ApiErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'validation_failed' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) fields?: FieldErrorDto[];
}

export class SignupConflictDto implements SignupConflictBody {
  @ApiProperty({ enum: [409] }) statusCode!: 409;
  @ApiProperty({ enum: ['already_used'] }) code!: 'already_used';
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['email', 'phone', 'companyName'], isArray: true })
  fields!: ('email' | 'phone' | 'companyName')[];
  @ApiPropertyOptional({ type: [FieldErrorDto] }) details?: FieldErrorDto[];
}
