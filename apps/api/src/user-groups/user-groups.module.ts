import { Module } from '@nestjs/common';
import { UserGroupsController } from './user-groups.controller.js';
import { UserGroupsService } from './user-groups.service.js';

@Module({ controllers: [UserGroupsController], providers: [UserGroupsService] })
export class UserGroupsModule {}
