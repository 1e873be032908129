import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { HotlinesController, OperatorHotlinesController } from './hotlines.controller.js';
import { HotlinesService } from './hotlines.service.js';

@Module({
  imports: [AuditModule],
  controllers: [HotlinesController, OperatorHotlinesController],
  providers: [HotlinesService],
  exports: [HotlinesService],
})
export class HotlinesModule {}
