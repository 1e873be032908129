import { ApiProperty } from '@nestjs/swagger';
import type { UserGroup, UserGroupRequest } from '#contracts';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { collapseSpaces } from '../auth/dto/signup.dto.js';

export class UserGroupRequestDto implements UserGroupRequest {
  @ApiProperty({ maxLength: 100, example: 'CSKH miền Bắc' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class UserGroupDto implements UserGroup {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Members that are not deleted' }) memberCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
