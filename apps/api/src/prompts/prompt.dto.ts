import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROMPT_LANGUAGES, type PromptPage, type PromptView } from '#contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { collapseSpaces } from '../auth/dto/signup.dto.js';
import { PageQueryDto } from '../common/query.js';

export class ListPromptsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** The text fields of the multipart upload; the audio is the part `file`. */
export class CreatePromptDto {
  @ApiProperty({ maxLength: 100, example: 'Chào mừng khuyến mãi tháng 12' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: PROMPT_LANGUAGES })
  @IsOptional()
  @IsString()
  @IsIn(PROMPT_LANGUAGES)
  language?: (typeof PROMPT_LANGUAGES)[number];

  @ApiPropertyOptional({
    enum: ['upload', 'recording'],
    description: '`recording`: recorded in the browser (kind `recording`); default `upload`',
  })
  @IsOptional()
  @IsString()
  @IsIn(['upload', 'recording'])
  source?: 'upload' | 'recording';
}

/** OpenAPI shape of the multipart body. */
export class CreatePromptFormDto extends CreatePromptDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'Audio: WAV, MP3, OGG (Vorbis/Opus), M4A (AAC) or WebM (Opus); at most 10 MB, 0.3 s to 10 min. ' +
      'The declared type must match the content.',
  })
  file!: unknown;
}

export class RenamePromptDto {
  @ApiProperty({ maxLength: 100 })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;
}

export class PromptViewDto implements PromptView {
  @ApiProperty() id!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: built-in' }) tenantId!: number | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, enum: PROMPT_LANGUAGES }) language!: string | null;
  @ApiProperty({ enum: ['builtin', 'upload', 'recording'] }) kind!: PromptView['kind'];
  @ApiProperty() durationMs!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: '/api/prompts/12/audio' }) audioUrl!: string;
}

export class PromptPageDto implements PromptPage {
  @ApiProperty({ type: [PromptViewDto] }) items!: PromptViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PromptInUseDto {
  @ApiProperty({ enum: [409] }) statusCode!: 409;
  @ApiProperty({ enum: ['prompt_in_use'] }) code!: 'prompt_in_use';
  @ApiProperty() message!: string;
  @ApiProperty({ description: 'The flows whose draft or a published version plays the prompt' })
  flows!: { id: number; name: string }[];
}
