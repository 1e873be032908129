import { Module } from '@nestjs/common';
import { MohClassesController, MohClassesService } from './moh-classes.js';
import { PauseReasonsController, PauseReasonsService } from './pause-reasons.js';
import { QueueCallbacksController, QueueCallbacksService } from './queue-callbacks.js';
import { QueueSettingsController, QueueSettingsService } from './queue-settings.js';
import { QueueStatusController, QueueStatusService } from './queue-status.js';
import { QueuesController } from './queues.controller.js';
import { QueuesService } from './queues.service.js';

/** Queue groups, pause reasons, music classes and the agent's own queue status (issue 6). */
@Module({
  controllers: [
    QueuesController,
    PauseReasonsController,
    MohClassesController,
    QueueStatusController,
    QueueCallbacksController,
    QueueSettingsController,
  ],
  providers: [
    QueuesService,
    PauseReasonsService,
    MohClassesService,
    QueueStatusService,
    QueueCallbacksService,
    QueueSettingsService,
  ],
})
export class QueuesModule {}
