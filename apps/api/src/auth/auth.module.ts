import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { DevicesModule } from '../devices/devices.module.js';
import { MailModule } from '../mail/mail.module.js';
import { AccessTokenGuard } from './access-token.guard.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RefreshTokenService } from './refresh-token.service.js';
import { RolesGuard } from './roles.guard.js';

@Module({
  imports: [
    MailModule,
    DevicesModule,
    JwtModule.registerAsync({
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => ({
        secret: c.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Applied only where @UseGuards(ThrottlerGuard) says: the public auth routes, per client IP.
    ThrottlerModule.forRootAsync({
      inject: [API_CONFIG],
      useFactory: (c: ApiConfig) => [{ ttl: 60_000, limit: c.AUTH_RATE_LIMIT_PER_MINUTE }],
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokenService,
    RefreshTokenService,
    // Global: every route needs an access token unless @Public(); then @Roles() is enforced.
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AccessTokenService],
})
export class AuthModule {}
