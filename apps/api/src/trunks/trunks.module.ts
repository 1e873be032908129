import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { TrunkPushService } from './trunk-push.service.js';
import { TrunksController } from './trunks.controller.js';
import { TrunksService } from './trunks.service.js';

@Module({
  imports: [AuditModule, DevicesModule],
  controllers: [TrunksController],
  providers: [TrunksService, TrunkPushService],
  exports: [TrunksService],
})
export class TrunksModule {}
