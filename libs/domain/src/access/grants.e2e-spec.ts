import type { DataSource } from 'typeorm';
import { createUser, openScratchDataSource, principalOf } from '@karvan/testing';
import { GrantsService } from './grants.service.js';
import { SITE_SCOPE } from './scope.js';

describe('grants', () => {
  let db: DataSource;
  let grants: GrantsService;
  beforeAll(async () => {
    db = await openScratchDataSource('grants');
    grants = new GrantsService(db);
  });
  afterAll(() => db.destroy());

  const course = () => [{ kind: 'course', id: crypto.randomUUID() }, ...SITE_SCOPE] as const;

  it('lets a course author add a trainer as co-author, and nobody else', async () => {
    const author = await createUser(db, ['trainee', 'trainer']);
    const trainer = await createUser(db, ['trainee', 'trainer']);
    const stranger = await createUser(db, ['trainee', 'trainer']);
    const scope = course();
    await db.query(
      `INSERT INTO grants (user_id, role, scope_kind, scope_id) VALUES ($1, 'course_author', 'course', $2)`,
      [author.user.id, scope[0].id],
    );
    await grants.grant(await principalOf(db, author.user.id), trainer.user.id, 'course_author', scope);
    await expect(
      grants.grant(await principalOf(db, stranger.user.id), stranger.user.id, 'course_author', scope),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await principalOf(db, trainer.user.id)).grants).toContainEqual({ role: 'course_author', scope: scope[0] });
  });

  it('refuses a scoped role to someone without the site role it needs', async () => {
    const admin = await principalOf(db, (await createUser(db, ['admin'])).user.id);
    const trainee = await createUser(db, ['trainee']);
    await expect(grants.grant(admin, trainee.user.id, 'course_author', course())).rejects.toMatchObject({
      code: 'wrong_scope',
    });
  });

  it('refuses a role where it cannot be granted', async () => {
    const admin = await principalOf(db, (await createUser(db, ['admin'])).user.id);
    const trainer = await createUser(db, ['trainer']);
    await expect(grants.grant(admin, trainer.user.id, 'admin', course())).rejects.toMatchObject({
      code: 'wrong_scope',
    });
    await expect(grants.grant(admin, trainer.user.id, 'superuser', SITE_SCOPE)).rejects.toMatchObject({
      code: 'unknown_role',
    });
  });

  it('refuses to revoke a grant that is not there', async () => {
    const admin = await principalOf(db, (await createUser(db, ['admin'])).user.id);
    const trainer = await createUser(db, ['trainer']);
    await expect(grants.revoke(admin, trainer.user.id, 'course_author', course())).rejects.toMatchObject({
      code: 'grant_not_found',
    });
  });

  it('keeps one admin when two admins demote each other at once', async () => {
    const lone = await openScratchDataSource('grants_admins');
    try {
      const one = await createUser(lone, ['admin']);
      const two = await createUser(lone, ['admin']);
      const service = new GrantsService(lone);
      const results = await Promise.allSettled([
        service.setSiteRoles(await principalOf(lone, one.user.id), two.user.id, ['trainee']),
        service.setSiteRoles(await principalOf(lone, two.user.id), one.user.id, ['trainee']),
      ]);
      const [{ admins }] = await lone.query<Array<{ admins: number }>>(
        `SELECT count(*)::int AS admins FROM grants WHERE role = 'admin'`,
      );
      expect(admins).toBe(1);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    } finally {
      await lone.destroy();
    }
  });
});
