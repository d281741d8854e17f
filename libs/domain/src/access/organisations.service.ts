import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../shared/ids.js';
import { AccessError, AccessErrorCode } from './access.errors.js';
import { requireCapability, type Grantee } from './decide.js';
import { SITE_SCOPE } from './scope.js';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
}

const UNIQUE_VIOLATION = '23505';
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Institutions (a ministry, a service, a university): the scope above their courses and programmes. */
@Injectable()
export class OrganisationsService {
  constructor(private readonly db: DataSource) {}

  /** Names of institutions are public: they appear on course pages and certificates. */
  list(): Promise<Organisation[]> {
    return this.db.query<Organisation[]>('SELECT id, slug, name FROM organisations ORDER BY name');
  }

  async get(id: string): Promise<Organisation> {
    const [row] = isUuid(id)
      ? await this.db.query<Organisation[]>('SELECT id, slug, name FROM organisations WHERE id = $1', [id])
      : [];
    if (!row) throw new AccessError(AccessErrorCode.ScopeNotFound, 'There is no such organisation.');
    return row;
  }

  async create(actor: Grantee, slug: string, name: string): Promise<Organisation> {
    requireCapability(actor, 'organisation.manage', SITE_SCOPE, 'Only administrators add organisations.');
    const cleanSlug = slug.trim().toLowerCase();
    const cleanName = name.trim();
    if (!SLUG.test(cleanSlug) || cleanName.length < 2 || cleanName.length > 200) {
      throw new AccessError(
        AccessErrorCode.WrongScope,
        'Give a short address of 2 to 63 lowercase letters, digits and hyphens, and a name of 2 to 200 characters.',
      );
    }
    try {
      const [row] = await this.db.query<Organisation[]>(
        'INSERT INTO organisations (slug, name) VALUES ($1, $2) RETURNING id, slug, name',
        [cleanSlug, cleanName],
      );
      return row;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AccessError(
          AccessErrorCode.OrganisationTaken,
          `An organisation with the address "${cleanSlug}" exists.`,
        );
      }
      throw error;
    }
  }
}
