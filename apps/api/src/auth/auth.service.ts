import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Language, LoginResponse, SessionUser, SignupConflictBody } from '#contracts';
import { TenantEntity, UserEntity, UserTokenEntity } from '#database';
import { In, IsNull, MoreThan, type DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { UnauthorizedError } from '../common/domain-error.js';
import { DevicesService } from '../devices/devices.service.js';
import { MailService } from '../mail/mail.service.js';
import { freeTenantSlug } from '../tenancy/slug.js';
import { FIRST_EXTENSION } from '../users/invitations.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './access-token.service.js';
import {
  AccountDisabledError,
  AccountLockedError,
  BotSuspectedError,
  InvalidCredentialsError,
  InvalidResetTokenError,
  NewPasswordRejectedError,
  PhoneTakenError,
  SignupConflictError,
  TenantSuspendedError,
  WrongCurrentPasswordError,
  WeakPasswordError,
} from './auth.errors.js';
import type { LoginDto } from './dto/login.dto.js';
import type { SignupDto } from './dto/signup.dto.js';
import type { ChangePasswordDto, UpdateProfileDto } from './dto/account.dto.js';
import { hashPassword, isCommonPassword, verifyPassword } from './password.js';
import { RefreshTokenService, type ClientInfo } from './refresh-token.service.js';
import { newOpaqueToken, sha256 } from './tokens.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const RESET_TOKEN_TTL_MINUTES = 60;
/** A person needs longer than this to fill the sign-up form. */
export const MIN_FORM_MS = 3000;

export interface Session {
  response: LoginResponse;
  refreshToken: string;
}

type ConflictField = SignupConflictBody['fields'][number];

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly mail: MailService,
    private readonly devices: DevicesService,
  ) {}

  /** Creates a tenant and its first admin in one transaction, and signs the admin in. */
  async signup(input: SignupDto, language: Language, client: ClientInfo): Promise<Session> {
    if (input.website || (input.formElapsedMs !== undefined && input.formElapsedMs < MIN_FORM_MS)) {
      throw new BotSuspectedError();
    }
    if (isCommonPassword(input.password)) throw new WeakPasswordError();
    const taken = await this.takenSignupFields(input);
    if (taken.length) throw new SignupConflictError(taken);

    const passwordHash = await hashPassword(input.password);
    let user: UserEntity;
    try {
      user = await this.db.transaction(async (em) => {
        const tenant = await em.save(
          em.create(TenantEntity, {
            name: input.companyName,
            slug: await freeTenantSlug(em, input.companyName),
            status: 'active',
          }),
        );
        const created = await em.save(
          em.create(UserEntity, {
            tenantId: tenant.id,
            email: input.email,
            fullName: input.fullName,
            phone: input.phone,
            role: 'admin',
            status: 'active',
            language,
            extension: String(FIRST_EXTENSION),
            passwordHash,
            passwordChangedAt: new Date(),
          }),
        );
        return created;
      });
    } catch (err) {
      // Two sign-ups racing for the same details: the unique keys decide.
      const field = duplicateField(err);
      if (field) throw new SignupConflictError(await this.takenOr(input, field));
      throw err;
    }
    await this.devices.syncUser(user.id);
    return this.startSession(user, client);
  }

  async login(input: LoginDto, client: ClientInfo): Promise<Session> {
    const user = await this.db.getRepository(UserEntity).findOne({ where: { email: input.email } });
    const usable = user && user.status !== 'deleted' && !user.deletedAt ? user : null;
    if (usable?.lockedUntil && usable.lockedUntil.getTime() > Date.now()) {
      throw new AccountLockedError(Math.ceil((usable.lockedUntil.getTime() - Date.now()) / 60_000));
    }
    const ok = await verifyPassword(usable?.passwordHash, input.password);
    if (!usable || !ok) {
      if (usable) await this.recordFailure(usable);
      throw new InvalidCredentialsError();
    }
    const tenant = usable.tenantId
      ? await this.db.getRepository(TenantEntity).findOneBy({ id: usable.tenantId })
      : null;
    if (usable.status !== 'active') throw new AccountDisabledError();
    if (tenant?.status === 'suspended') throw new TenantSuspendedError();
    await this.db
      .getRepository(UserEntity)
      .update({ id: usable.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
    return this.startSession(usable, client, tenant);
  }

  async refresh(raw: string, client: ClientInfo): Promise<Session> {
    const { userId, token } = await this.refreshTokens.rotate(raw, client);
    const { user, tenant } = await this.activeUser(userId);
    return { response: await this.loginResponse(user, tenant), refreshToken: token };
  }

  logout(raw: string): Promise<void> {
    return this.refreshTokens.revoke(raw);
  }

  async me(userId: number): Promise<SessionUser> {
    const { user, tenant } = await this.activeUser(userId);
    return sessionUser(user, tenant);
  }

  /** Account details (F: top-right menu): name, phone, language of the signed-in user. */
  async updateProfile(userId: number, input: UpdateProfileDto): Promise<SessionUser> {
    const { user, tenant } = await this.activeUser(userId);
    if (input.phone) {
      const owner = await this.db.getRepository(UserEntity).findOneBy({ phone: input.phone });
      if (owner && owner.id !== user.id) throw new PhoneTakenError();
    }
    if (input.fullName !== undefined) user.fullName = input.fullName;
    if (input.phone !== undefined) user.phone = input.phone;
    if (input.language !== undefined) user.language = input.language;
    await this.db.getRepository(UserEntity).save(user);
    if (input.fullName !== undefined) await this.devices.syncUser(userId);
    return sessionUser(user, tenant);
  }

  /** Changes the password; every other session of the user is signed out, this one stays. */
  async changePassword(
    userId: number,
    input: ChangePasswordDto,
    currentRefreshToken: string | undefined,
  ): Promise<void> {
    const { user } = await this.activeUser(userId);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new WrongCurrentPasswordError();
    }
    if (input.newPassword === input.currentPassword) throw new NewPasswordRejectedError('same_password');
    if (isCommonPassword(input.newPassword)) throw new NewPasswordRejectedError('weak_password');
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.refreshTokens.revokeAllOfUser(user.id, em, currentRefreshToken);
    });
  }

  /**
   * Mails a reset link when the email belongs to an active user. Runs detached from the
   * request so the answer neither waits for nor reveals anything about the account.
   */
  requestPasswordReset(email: string): void {
    this.sendResetMail(email).catch((err: unknown) =>
      this.logger.error(`password reset mail failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  async resetPassword(token: string, password: string): Promise<void> {
    const row = await this.db.getRepository(UserTokenEntity).findOne({
      where: {
        tokenHash: sha256(token),
        kind: In(['reset', 'invite']),
        usedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
      },
    });
    if (!row) throw new InvalidResetTokenError();
    if (isCommonPassword(password)) throw new WeakPasswordError();
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (em) => {
      // Conditional update: of two concurrent uses of one token, only one wins.
      const used = await em.update(UserTokenEntity, { id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (!used.affected) throw new InvalidResetTokenError();
      const user = await em.findOneBy(UserEntity, { id: row.userId });
      if (!user || user.status === 'deleted' || user.status === 'disabled')
        throw new InvalidResetTokenError();
      await em.update(
        UserEntity,
        { id: user.id },
        {
          passwordHash,
          passwordChangedAt: new Date(),
          failedLogins: 0,
          lockedUntil: null,
          ...(user.status === 'invited' ? { status: 'active' as const } : {}),
        },
      );
      await this.refreshTokens.revokeAllOfUser(user.id, em);
    });
    // An accepted invitation activates the user, and with it their phone.
    await this.devices.syncUser(row.userId);
  }

  private async sendResetMail(email: string): Promise<void> {
    const user = await this.db.getRepository(UserEntity).findOne({ where: { email } });
    if (!user || user.status !== 'active') return;
    const token = newOpaqueToken();
    await this.db.transaction(async (em) => {
      // Only the newest link works.
      await em.update(
        UserTokenEntity,
        { userId: user.id, kind: 'reset', usedAt: IsNull() },
        { usedAt: new Date() },
      );
      await em.save(
        em.create(UserTokenEntity, {
          userId: user.id,
          kind: 'reset',
          tokenHash: sha256(token),
          expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MINUTES * 60_000),
          usedAt: null,
        }),
      );
    });
    const link = new URL('/reset-password', this.config.PUBLIC_URL);
    link.searchParams.set('token', token);
    await this.mail.send(user.email, 'resetPassword', user.language, {
      name: user.fullName,
      link: link.toString(),
      minutes: RESET_TOKEN_TTL_MINUTES,
    });
  }

  private async recordFailure(user: UserEntity): Promise<void> {
    const repo = this.db.getRepository(UserEntity);
    await repo.increment({ id: user.id }, 'failedLogins', 1);
    const fresh = await repo.findOneBy({ id: user.id });
    if (fresh && fresh.failedLogins >= MAX_FAILED_LOGINS) {
      await repo.update(
        { id: user.id },
        { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) },
      );
    }
  }

  private async activeUser(userId: number): Promise<{ user: UserEntity; tenant: TenantEntity | null }> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.status === 'deleted') throw new UnauthorizedError();
    const tenant = user.tenantId
      ? await this.db.getRepository(TenantEntity).findOneBy({ id: user.tenantId })
      : null;
    if (user.status !== 'active') throw new AccountDisabledError();
    if (tenant?.status === 'suspended') throw new TenantSuspendedError();
    return { user, tenant };
  }

  private async startSession(
    user: UserEntity,
    client: ClientInfo,
    tenant?: TenantEntity | null,
  ): Promise<Session> {
    const t =
      tenant !== undefined
        ? tenant
        : user.tenantId
          ? await this.db.getRepository(TenantEntity).findOneBy({ id: user.tenantId })
          : null;
    const refreshToken = await this.refreshTokens.issue(user.id, client);
    return { response: await this.loginResponse(user, t), refreshToken };
  }

  private async loginResponse(user: UserEntity, tenant: TenantEntity | null): Promise<LoginResponse> {
    const accessToken = await this.accessTokens.sign({
      userId: user.id,
      tenantId: user.tenantId,
      role: user.role,
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: sessionUser(user, tenant) };
  }

  private async takenSignupFields(input: SignupDto): Promise<ConflictField[]> {
    const [email, phone, company] = await Promise.all([
      this.db.getRepository(UserEntity).existsBy({ email: input.email }),
      this.db.getRepository(UserEntity).existsBy({ phone: input.phone }),
      this.db.getRepository(TenantEntity).existsBy({ name: input.companyName }),
    ]);
    const fields: ConflictField[] = [];
    if (email) fields.push('email');
    if (phone) fields.push('phone');
    if (company) fields.push('companyName');
    return fields;
  }

  private async takenOr(input: SignupDto, field: ConflictField): Promise<ConflictField[]> {
    const taken = await this.takenSignupFields(input);
    return taken.length ? taken : [field];
  }
}

function sessionUser(user: UserEntity, tenant: TenantEntity | null): SessionUser {
  return {
    id: user.id,
    tenantId: user.tenantId,
    tenantName: tenant?.name ?? null,
    email: user.email,
    fullName: user.fullName,
    phone: user.phone,
    role: user.role,
    language: user.language,
    extension: user.extension,
  };
}

/** The sign-up field behind a MariaDB duplicate-key error, if it is one. */
function duplicateField(err: unknown): ConflictField | null {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.code ?? e.driverError?.code;
  if (code !== 'ER_DUP_ENTRY') return null;
  const message = e.message ?? '';
  if (message.includes('uq_users_email')) return 'email';
  if (message.includes('uq_users_phone')) return 'phone';
  if (message.includes('uq_tenants_name')) return 'companyName';
  return null;
}
