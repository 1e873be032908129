import { Module } from '@nestjs/common';
import { CallsController, VoicemailsController } from './calls.controller.js';
import { CallsService } from './calls.service.js';

@Module({ controllers: [CallsController, VoicemailsController], providers: [CallsService] })
export class CallsModule {}
