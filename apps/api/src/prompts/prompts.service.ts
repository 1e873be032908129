import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PromptPage, PromptView } from '#contracts';
import { FlowEntity, PromptEntity } from '#database';
import { Brackets, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import {
  DomainError,
  ForbiddenError,
  ValidationFailedError,
  type FieldIssue,
} from '../common/domain-error.js';
import { containsPattern } from '../common/query.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import {
  AudioRejected,
  convertPrompt,
  DEFAULT_AUDIO_TOOLS,
  MAX_PROMPT_BYTES,
  MAX_PROMPT_MS,
  MIN_PROMPT_MS,
  type AudioProblem,
} from './audio.js';
import { BUILTIN_PROMPT_NAMES } from './builtin-prompts.js';
import { ensurePromptDir, FILE_MODE, promptWavPath } from './prompt-files.js';
import type { CreatePromptDto, ListPromptsQueryDto } from './prompt.dto.js';

/** A field error of the upload's `file` part, worded by the message catalog. */
export function fileIssue(problem: AudioProblem | 'required'): FieldIssue {
  switch (problem) {
    case 'required':
      return { field: 'file', code: 'required', messageKey: 'file_required' };
    case 'too_large':
      return {
        field: 'file',
        code: 'too_large',
        messageKey: 'audio_too_large',
        params: { maxMb: MAX_PROMPT_BYTES / 1024 / 1024 },
      };
    case 'too_long':
      return {
        field: 'file',
        code: 'too_long',
        messageKey: 'audio_too_long',
        params: { maxMinutes: MAX_PROMPT_MS / 60_000 },
      };
    case 'too_short':
      return {
        field: 'file',
        code: 'too_short',
        messageKey: 'audio_too_short',
        params: { minSeconds: MIN_PROMPT_MS / 1000 },
      };
    case 'unsupported_type':
      return { field: 'file', code: 'unsupported_type', messageKey: 'audio_unsupported_type' };
    case 'unreadable':
      return { field: 'file', code: 'unreadable', messageKey: 'audio_unreadable' };
  }
}

export class PromptNameTakenError extends DomainError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'already_used',
      [{ field: 'name', code: 'taken', messageKey: 'taken_name' }],
      {},
      { fields: ['name'] },
    );
  }
}

export class BuiltinPromptError extends ForbiddenError {
  constructor() {
    super('prompt_builtin');
  }
}

export class PromptInUseError extends DomainError {
  constructor(flows: { id: number; name: string }[]) {
    super(
      HttpStatus.CONFLICT,
      'prompt_in_use',
      [],
      { flows: flows.map((f) => `“${f.name}”`).join(', ') },
      { flows },
    );
  }
}

/** 409: music-on-hold classes play the prompt (queues' waiting callers hear it). */
export class PromptInMohClassError extends DomainError {
  constructor(classes: { id: number; name: string }[]) {
    super(
      HttpStatus.CONFLICT,
      'prompt_in_moh_class',
      [],
      { classes: classes.map((c) => `“${c.name}”`).join(', ') },
      { mohClasses: classes },
    );
  }
}

export interface UploadedAudio {
  buffer: Buffer;
  mimetype: string;
  size: number;
  originalname?: string;
}

function view(p: PromptEntity): PromptView {
  return {
    id: p.id,
    tenantId: p.tenantId,
    name: p.name,
    language: p.language,
    kind: p.kind,
    durationMs: p.durationMs,
    createdAt: p.createdAt.toISOString(),
    audioUrl: `/api/prompts/${p.id}/audio`,
  };
}

function snapshot(p: PromptEntity): Record<string, unknown> {
  return { name: p.name, language: p.language, kind: p.kind, durationMs: p.durationMs };
}

function isDuplicateName(err: unknown): boolean {
  const message = (err as { message?: string }).message ?? '';
  return message.includes('uq_prompts_tenant_name') || /Duplicate entry/.test(message);
}

/**
 * Voice prompts (F18): the tenant's uploads and browser recordings, converted to 8 kHz mono
 * 16-bit wav under PROMPTS_DIR, plus the built-ins (tenant null) every tenant can play.
 */
@Injectable()
export class PromptsService {
  private readonly dir: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.dir = path.resolve(config.PROMPTS_DIR);
  }

  async list(scope: TenantScope, query: ListPromptsQueryDto): Promise<PromptPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.db
      .getRepository(PromptEntity)
      .createQueryBuilder('p')
      .where(
        new Brackets((w) =>
          w.where('p.tenant_id = :tenantId', { tenantId: scope.tenantId }).orWhere('p.tenant_id IS NULL'),
        ),
      );
    const search = query.search?.trim();
    if (search) qb.andWhere('p.name LIKE :like', { like: containsPattern(search) });
    const [rows, total] = await qb
      // The tenant's own first (newest first), then the built-ins: Vietnamese first, in the
      // order a call meets them (welcome, menu, …).
      .orderBy('p.tenant_id IS NULL', 'ASC')
      .addOrderBy('IF(p.tenant_id IS NULL, NULL, p.created_at)', 'DESC')
      .addOrderBy("p.language = 'vi'", 'DESC')
      .addOrderBy(`FIELD(p.name, ${BUILTIN_PROMPT_NAMES.map((n) => `'${n}'`).join(', ')})`, 'ASC')
      .addOrderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(view), total, page, pageSize };
  }

  async get(scope: TenantScope, id: number): Promise<PromptView> {
    return view(await this.findReadable(scope, id));
  }

  /** The converted wav of a prompt the tenant may play (its own or a built-in). */
  async audio(scope: TenantScope, id: number): Promise<{ stream: ReadStream; size: number; name: string }> {
    const prompt = await this.findReadable(scope, id);
    const file = promptWavPath(this.dir, prompt.file);
    const info = await stat(file).catch(() => null);
    if (!info) throw new NotFoundError();
    return { stream: createReadStream(file), size: info.size, name: `${prompt.name}.wav` };
  }

  /**
   * Checks and converts the upload, then stores file and row together: a refused or failed
   * upload leaves neither a file nor a row behind.
   */
  async create(
    scope: TenantScope,
    input: CreatePromptDto,
    upload: UploadedAudio | undefined,
  ): Promise<PromptView> {
    if (!upload) throw new ValidationFailedError([fileIssue('required')]);
    const name = input.name;
    const repo = this.db.getRepository(PromptEntity);
    if (await repo.existsBy({ tenantId: scope.tenantId, name })) throw new PromptNameTakenError();

    const tenantDir = `t${scope.tenantId}`;
    await ensurePromptDir(this.dir, tenantDir);
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'webcall-prompt-'));
    // The converted file is written next to its final place, so the rename never crosses devices.
    const converted = path.join(this.dir, tenantDir, `.upload-${randomBytes(8).toString('hex')}.tmp.wav`);
    const placed = { file: '' };
    try {
      const source = path.join(scratch, 'source');
      await writeFile(source, upload.buffer);
      let durationMs: number;
      try {
        durationMs = await convertPrompt(source, upload.mimetype, converted, DEFAULT_AUDIO_TOOLS);
      } catch (err) {
        if (err instanceof AudioRejected) throw new ValidationFailedError([fileIssue(err.problem)]);
        throw err;
      }
      await chmod(converted, FILE_MODE);
      const saved = await this.db.transaction(async (em) => {
        const row = await em.save(
          em.create(PromptEntity, {
            tenantId: scope.tenantId,
            name,
            language: input.language ?? null,
            kind: input.source === 'recording' ? 'recording' : 'upload',
            file: '',
            durationMs,
            sourceType: upload.mimetype.slice(0, 64),
            sourceBytes: upload.size,
            createdBy: scope.principal.userId,
          }),
        );
        row.file = `${tenantDir}/${row.id}-${randomBytes(6).toString('hex')}`;
        await em.update(PromptEntity, { id: row.id }, { file: row.file });
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'prompt.create',
          targetType: 'prompt',
          targetId: row.id,
          targetLabel: row.name,
          after: snapshot(row),
        });
        placed.file = promptWavPath(this.dir, row.file);
        await rename(converted, placed.file);
        return row;
      });
      return view(saved);
    } catch (err) {
      // The row rolled back: its file goes too.
      if (placed.file) await rm(placed.file, { force: true });
      if (isDuplicateName(err)) throw new PromptNameTakenError();
      throw err;
    } finally {
      await rm(converted, { force: true });
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async rename(scope: TenantScope, id: number, name: string): Promise<PromptView> {
    const prompt = await this.findWritable(scope, id);
    if (prompt.name === name) return view(prompt);
    const repo = this.db.getRepository(PromptEntity);
    const clash = await repo.findOneBy({ tenantId: scope.tenantId, name });
    if (clash && clash.id !== id) throw new PromptNameTakenError();
    try {
      await this.db.transaction(async (em) => {
        const before = snapshot(prompt);
        await em.update(PromptEntity, { id }, { name });
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'prompt.rename',
          targetType: 'prompt',
          targetId: id,
          targetLabel: name,
          before: { name: before.name },
          after: { name },
        });
      });
    } catch (err) {
      if (isDuplicateName(err)) throw new PromptNameTakenError();
      throw err;
    }
    prompt.name = name;
    return view(prompt);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const prompt = await this.findWritable(scope, id);
    const users = await this.flowsUsing(scope.tenantId, id);
    if (users.length) throw new PromptInUseError(users);
    const classes = await this.mohClassesUsing(scope.tenantId, id);
    if (classes.length) throw new PromptInMohClassError(classes);
    await this.db.transaction(async (em) => {
      await em.delete(PromptEntity, { id });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'prompt.delete',
        targetType: 'prompt',
        targetId: id,
        targetLabel: prompt.name,
        before: snapshot(prompt),
      });
    });
    await rm(promptWavPath(this.dir, prompt.file), { force: true });
  }

  /**
   * The tenant's flows whose draft or any published version refers to the prompt
   * (`"promptId":"<id>"` in the graph JSON; spaces allowed around the colon).
   */
  async flowsUsing(tenantId: number, promptId: number): Promise<{ id: number; name: string }[]> {
    const pattern = `"promptId"[[:space:]]*:[[:space:]]*"${promptId}"`;
    const rows = await this.db
      .getRepository(FlowEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.name'])
      .where('f.tenant_id = :tenantId', { tenantId })
      .andWhere(
        '(f.draft REGEXP :pattern OR EXISTS (SELECT 1 FROM flow_versions v WHERE v.flow_id = f.id AND v.graph REGEXP :pattern))',
        { pattern },
      )
      .orderBy('f.name', 'ASC')
      .getMany();
    return rows.map((f) => ({ id: f.id, name: f.name }));
  }

  /** The tenant's music-on-hold classes that play the prompt. */
  async mohClassesUsing(tenantId: number, promptId: number): Promise<{ id: number; name: string }[]> {
    const rows = await this.db.query<{ id: number; name: string }[]>(
      'SELECT id, name FROM moh_classes WHERE tenant_id = ? AND JSON_CONTAINS(prompt_ids, ?) ORDER BY name',
      [tenantId, JSON.stringify(promptId)],
    );
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }

  /** The tenant's own prompt or a built-in; another tenant's is 404 like a missing one. */
  private async findReadable(scope: TenantScope, id: number): Promise<PromptEntity> {
    const row = await this.db.getRepository(PromptEntity).findOneBy({ id });
    if (!row || (row.tenantId !== null && row.tenantId !== scope.tenantId)) throw new NotFoundError();
    return row;
  }

  /** Built-ins are readable by all but nobody's to change. */
  private async findWritable(scope: TenantScope, id: number): Promise<PromptEntity> {
    const row = await this.findReadable(scope, id);
    if (row.tenantId === null || row.kind === 'builtin') throw new BuiltinPromptError();
    return row;
  }
}
