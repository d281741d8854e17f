import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@karvan/config';
import { DemoService, demoLoginLines } from '@karvan/demo';
import { CourseSyncService } from '@karvan/domain';

/**
 * At start: on the first embedded start, the demo accounts; then the shipped curriculum from
 * content/, so `npm start` serves what is in the files.
 */
@Injectable()
export class ContentSyncOnStart implements OnApplicationBootstrap {
  private readonly logger = new Logger(ContentSyncOnStart.name);

  constructor(
    private readonly sync: CourseSyncService,
    private readonly demo: DemoService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.syncContentOnStart) await this.syncContent();
    if (this.config.mode === 'embedded' && this.config.syncContentOnStart && (await this.demo.isEmpty())) {
      await this.demo.seed();
      // Printed plainly: this is what a trainer previewing a course on a laptop reads first.
      console.log(['', 'Demo accounts (embedded mode only):', ...demoLoginLines(), ''].join('\n'));
    }
  }

  private async syncContent(): Promise<void> {
    const synced = await this.sync.syncContent(this.config.contentDir).catch((error: Error) => {
      this.logger.warn({ msg: `content not synced: ${error.message}`, dir: this.config.contentDir });
      return null;
    });
    if (!synced) return;
    const { glossary } = synced;
    if (glossary.present) this.logger.log({ msg: 'glossary synced', stored: glossary.stored ?? 'refused' });
    for (const p of glossary.problems.filter((x) => x.severity === 'error')) {
      this.logger.warn({ msg: `${p.path}:${p.line}:${p.column} ${p.severity} ${p.message}` });
    }
    for (const r of synced.courses) {
      this.logger.log({
        msg: 'content synced',
        course: r.slug,
        revisions: r.revisions,
        archived: r.archived,
        refused: r.refused,
      });
      for (const p of r.problems.filter((x) => x.severity === 'error')) {
        this.logger.warn({ msg: `${p.path}:${p.line}:${p.column} ${p.severity} ${p.message}` });
      }
    }
  }
}
