import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { CourseSyncService } from '@karvan/domain';

/** Imports the shipped curriculum at start, so `npm start` serves what is in content/. */
@Injectable()
export class ContentSyncOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger(ContentSyncOnStart.name);

  constructor(
    private readonly sync: CourseSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.syncContentOnStart) return;
    const reports = await this.sync.syncTree(this.config.contentDir).catch((error: Error) => {
      this.logger.warn({ msg: `content not synced: ${error.message}`, dir: this.config.contentDir });
      return [];
    });
    for (const r of reports) {
      const errors = r.problems.filter((p) => p.severity === 'error');
      this.logger.log({
        msg: 'content synced',
        course: r.slug,
        revisions: r.revisions,
        archived: r.archived,
        refused: r.refused,
      });
      for (const p of errors) this.logger.warn({ msg: `${p.path}:${p.line}:${p.column} ${p.severity} ${p.message}` });
    }
  }
}
