import {
  BadRequestException,
  Body,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Injectable,
  Param,
  Patch,
  PayloadTooLargeException,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import type { PromptPage, PromptView } from '#contracts';
import { catchError, type Observable } from 'rxjs';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { MAX_PROMPT_BYTES } from './audio.js';
import {
  CreatePromptDto,
  CreatePromptFormDto,
  ListPromptsQueryDto,
  PromptInUseDto,
  PromptPageDto,
  PromptViewDto,
  RenamePromptDto,
} from './prompt.dto.js';
import { fileIssue, PromptsService, type UploadedAudio } from './prompts.service.js';

/**
 * Multer's own refusals become field errors of `file`: an oversized upload is "too large" at
 * the field (not a bare 413), a second file part is not allowed.
 */
@Injectable()
class UploadErrors implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException)
          throw new ValidationFailedError([fileIssue('too_large')]);
        if (err instanceof BadRequestException && /Unexpected field|Too many/i.test(err.message)) {
          throw new ValidationFailedError([{ field: 'file', code: 'unknown_field' }]);
        }
        throw err;
      }),
    );
  }
}

const ALL_ROLES = ['admin', 'supervisor', 'agent'] as const;

@TenantController('prompts')
export class PromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({
    summary: "The tenant's prompts and the built-ins (tenantId null), searched by name, one page",
  })
  @ApiOkResponse({ type: PromptPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  list(@CurrentUser() p: Principal, @Query() query: ListPromptsQueryDto): Promise<PromptPage> {
    return this.prompts.list(TenantScope.of(p), query);
  }

  @Post()
  @Roles('admin')
  @UseInterceptors(
    UploadErrors,
    FileInterceptor('file', {
      limits: { fileSize: MAX_PROMPT_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CreatePromptFormDto })
  @ApiOperation({
    summary:
      'Upload (or save a browser recording of) a prompt: type and content checked, converted to 8 kHz mono wav',
  })
  @ApiCreatedResponse({ type: PromptViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description:
      'Field errors; `file`: required, unsupported_type, too_large, too_long, too_short, unreadable (nothing stored)',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken in this tenant' })
  create(
    @CurrentUser() p: Principal,
    @Body() body: CreatePromptDto,
    @UploadedFile() file: UploadedAudio | undefined,
  ): Promise<PromptView> {
    return this.prompts.create(TenantScope.of(p), body, file);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "One prompt: the tenant's own or a built-in" })
  @ApiOkResponse({ type: PromptViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<PromptView> {
    return this.prompts.get(TenantScope.of(p), parseId(id));
  }

  @Get(':id/audio')
  @Roles(...ALL_ROLES)
  @ApiProduces('audio/wav')
  @ApiOperation({ summary: 'The converted audio (8 kHz mono 16-bit wav) for preview' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async audio(@CurrentUser() p: Principal, @Param('id') id: string): Promise<StreamableFile> {
    const audio = await this.prompts.audio(TenantScope.of(p), parseId(id));
    return new StreamableFile(audio.stream, {
      type: 'audio/wav',
      length: audio.size,
      disposition: `inline; filename*=UTF-8''${encodeURIComponent(audio.name)}`,
    });
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a prompt of the tenant (built-ins cannot be renamed)' })
  @ApiOkResponse({ type: PromptViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken in this tenant' })
  rename(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: RenamePromptDto,
  ): Promise<PromptView> {
    return this.prompts.rename(TenantScope.of(p), parseId(id), body.name);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Delete a prompt and its file; refused for built-ins (403) and prompts a flow or a music-on-hold class uses (409)',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: PromptInUseDto,
    description:
      '`prompt_in_use`, with the flows that use it; or `prompt_in_moh_class`, with the music classes (`mohClasses`)',
  })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.prompts.remove(TenantScope.of(p), parseId(id));
  }
}
