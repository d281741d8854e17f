import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, Role } from './roles.js';

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

  /** The zone the person reads times in; null means the site's. */
  @Column({ name: 'time_zone', type: 'varchar', nullable: true })
  timeZone: string | null;

  @Column({ type: 'varchar' })
  status: 'active' | 'disabled' | 'invited';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Site roles, read from the access feature's grants by UsersService (not a column). */
  roles: Role[] = [];
}
