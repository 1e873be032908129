import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Patch,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ForgotPasswordResponse, LoginResponse, SessionUser } from '#contracts';
import type { CookieOptions, Request, Response } from 'express';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { languageOf } from '../common/language.js';
import { errorMessage } from '../common/messages.js';
import { CurrentUser, type Principal } from '../common/principal.js';
import { Public } from '../common/public.decorator.js';
import { InvalidRefreshTokenError } from './auth.errors.js';
import { AuthService, type Session } from './auth.service.js';
import { ChangePasswordDto, UpdateProfileDto } from './dto/account.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { ForgotPasswordDto, ForgotPasswordResponseDto, ResetPasswordDto } from './dto/password-reset.dto.js';
import { ApiErrorDto, LoginResponseDto, SessionUserDto, SignupConflictDto } from './dto/responses.dto.js';
import { SignupDto } from './dto/signup.dto.js';
import { REFRESH_TOKEN_TTL_MS, type ClientInfo } from './refresh-token.service.js';

export const REFRESH_COOKIE = 'webcall_refresh';
const COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@ApiHeader({
  name: 'Accept-Language',
  required: false,
  description: '`en…` for English messages, else Vietnamese',
})
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('signup')
  @ApiOperation({ summary: 'Create a company (tenant) and its first admin, signed in at once' })
  @ApiCreatedResponse({ type: LoginResponseDto, description: 'Sets the refresh cookie' })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: '`validation_failed` with fields, or `bot_suspected`',
  })
  @ApiConflictResponse({ type: SignupConflictDto, description: 'Email, phone or company name already used' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto })
  async signup(
    @Body() body: SignupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.signup(body, languageOf(req.headers['accept-language']), clientOf(req));
    return this.answer(session, res);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Sets the refresh cookie `webcall_refresh`' })
  @ApiUnauthorizedResponse({
    type: ApiErrorDto,
    description: 'Wrong email or password (same answer for both)',
  })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'User disabled or company suspended' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.answer(await this.auth.login(body, clientOf(req)), res);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'New access token from the refresh cookie; the cookie is rotated' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Missing, expired, revoked or reused token' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: '`account_disabled` or `tenant_suspended`' })
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const raw = refreshCookie(req);
    if (!raw) throw new InvalidRefreshTokenError();
    try {
      return this.answer(await this.auth.refresh(raw, clientOf(req)), res);
    } catch (err) {
      res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
      throw err;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'Revoke the current refresh token and clear the cookie' })
  @ApiNoContentResponse()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const raw = refreshCookie(req);
    if (raw) await this.auth.logout(raw);
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: SessionUserDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  me(@CurrentUser() principal: Principal): Promise<SessionUser> {
    return this.auth.me(principal.userId);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Update the signed-in user's name, phone and language" })
  @ApiOkResponse({ type: SessionUserDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  updateMe(@CurrentUser() principal: Principal, @Body() body: UpdateProfileDto): Promise<SessionUser> {
    return this.auth.updateProfile(principal.userId, body);
  }

  @Post('change-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; signs out every other session of the user' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Wrong current password or rejected new one' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto })
  async changePassword(
    @CurrentUser() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    await this.auth.changePassword(principal.userId, body, refreshCookie(req) ?? undefined);
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Mail a single-use reset link (valid 1 hour) if the email has an account' })
  @ApiAcceptedResponse({
    type: ForgotPasswordResponseDto,
    description: 'Same answer whether the email exists or not',
  })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto })
  forgotPassword(@Body() body: ForgotPasswordDto, @Req() req: Request): ForgotPasswordResponse {
    this.auth.requestPasswordReset(body.email);
    return { message: errorMessage(languageOf(req.headers['accept-language']), 'reset_requested') };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with a mailed token; signs out every session' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Field `token` invalid/expired/used, or password policy',
  })
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.auth.resetPassword(body.token, body.password);
  }

  private answer(session: Session, res: Response): LoginResponse {
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      ...this.cookieOptions(),
      maxAge: REFRESH_TOKEN_TTL_MS,
    });
    res.setHeader('cache-control', 'no-store');
    return session.response;
  }

  private cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_URL.startsWith('https:'),
      path: COOKIE_PATH,
    };
  }
}

function refreshCookie(req: Request): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 128 ? value : null;
}

function clientOf(req: Request): ClientInfo {
  return { userAgent: req.headers['user-agent'] ?? null, ip: req.ip ?? null };
}
