import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A named group of users of one tenant (name unique within the tenant). */
@Entity({ name: 'user_groups' })
export class UserGroupEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** Membership of a user in a group; removed with the group. */
@Entity({ name: 'user_group_members' })
export class UserGroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'int', unsigned: true })
  groupId!: number;

  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;
}
