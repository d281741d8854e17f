import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { Locale, Role } from './roles.js';
import { UserRole } from './user-role.entity.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar' })
  email: string;

  @Column({ type: 'varchar' })
  name: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'varchar' })
  locale: Locale;

  @Column({ type: 'varchar' })
  organisation: string;

  @Column({ type: 'varchar' })
  position: string;

  @Column({ type: 'varchar' })
  status: 'active' | 'disabled';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => UserRole, (role) => role.user)
  roleRows: Relation<UserRole[]>;

  get roles(): Role[] {
    return (this.roleRows ?? []).map((row) => row.role).sort();
  }
}
