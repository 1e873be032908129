import { Module } from '@nestjs/common';
import { MyDeviceController, UserDeviceController } from './devices.controller.js';
import { DevicesService } from './devices.service.js';
import { PjsipPushService } from './pjsip-push.service.js';

@Module({
  controllers: [MyDeviceController, UserDeviceController],
  providers: [DevicesService, PjsipPushService],
  exports: [DevicesService, PjsipPushService],
})
export class DevicesModule {}
