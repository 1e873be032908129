import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { InvitationService } from './invitations.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [MailModule],
  controllers: [UsersController],
  providers: [UsersService, InvitationService],
  exports: [InvitationService],
})
export class UsersModule {}
