import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module.js';
import { IpPhonesService } from './ip-phones.service.js';
import {
  IpPhoneProvisioningController,
  IpPhonesController,
  MyProvisioningLinkController,
  ProvisionController,
  UserProvisioningLinkController,
} from './provisioning.controller.js';
import { ProvisioningLinksService } from './provisioning-links.service.js';

/** Softphone links (F5) and zero-touch IP phones (F6). */
@Module({
  imports: [DevicesModule],
  // `ip-phones/provisioning` before `ip-phones/:id`, which would take it for an id.
  controllers: [
    MyProvisioningLinkController,
    UserProvisioningLinkController,
    ProvisionController,
    IpPhoneProvisioningController,
    IpPhonesController,
  ],
  providers: [ProvisioningLinksService, IpPhonesService],
})
export class ProvisioningModule {}
