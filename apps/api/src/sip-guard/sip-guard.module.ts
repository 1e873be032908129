import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DevicesModule } from '../devices/devices.module.js';
import { SipGuardController } from './sip-guard.controller.js';
import { SipGuardService } from './sip-guard.service.js';

@Module({
  imports: [AuditModule, DevicesModule],
  controllers: [SipGuardController],
  providers: [SipGuardService],
  exports: [SipGuardService],
})
export class SipGuardModule {}
