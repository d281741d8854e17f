import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GrantsService } from '../access/index.js';
import { PRINCIPAL_COLUMNS, toIdentity, type Identity, type Principal, type PrincipalRow } from './principal.js';

/** Turns who is asking into an acting principal: the identity with the grants read now. */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly db: DataSource,
    private readonly grants: GrantsService,
  ) {}

  async withGrants(identity: Identity): Promise<Principal> {
    return { ...identity, grants: await this.grants.load(identity.userId) };
  }

  /** The principal of an active account, for the CLI, jobs and tests; undefined when there is none. */
  async forUser(userId: string): Promise<Principal | undefined> {
    const [row] = await this.db.query<PrincipalRow[]>(
      `SELECT ${PRINCIPAL_COLUMNS} FROM users u WHERE u.id = $1 AND u.status = 'active'`,
      [userId],
    );
    return row ? this.withGrants(toIdentity(row, 'session')) : undefined;
  }
}
