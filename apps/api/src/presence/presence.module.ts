import { Module } from '@nestjs/common';
import { MyPresenceController, PresenceController } from './presence.controller.js';
import { PresenceService } from './presence.service.js';

@Module({ controllers: [PresenceController, MyPresenceController], providers: [PresenceService] })
export class PresenceModule {}
