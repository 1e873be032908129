import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { MailModule } from '../mail/mail.module.js';
import { InvitationService } from './invitations.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [MailModule, DevicesModule],
  controllers: [UsersController],
  providers: [UsersService, InvitationService],
  exports: [InvitationService],
})
export class UsersModule {}
