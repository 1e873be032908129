import { Module } from '@nestjs/common';
import { FlowNodesService } from './flow-nodes.service.js';
import { IvrsController, ShiftsController } from './flow-nodes.controller.js';
import { FlowsController } from './flows.controller.js';
import { FlowsService } from './flows.service.js';

@Module({
  controllers: [FlowsController, ShiftsController, IvrsController],
  providers: [FlowsService, FlowNodesService],
  exports: [FlowsService],
})
export class FlowsModule {}
