import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { AuthoringApiController } from './authoring-api.controller.js';
import { AuthoringPagesController } from './authoring-pages.controller.js';
import { CourseArchiveController } from './course-archive.controller.js';
import { GiftController } from './gift.controller.js';
import { MediaController } from './media.controller.js';
import { ModuleEditorPagesController } from './module-editor-pages.controller.js';
import { ModuleLifecyclePagesController } from './module-lifecycle-pages.controller.js';
import { CourseSettingsApiController } from './course-settings-api.controller.js';
import { CourseSettingsPagesController } from './course-settings-pages.controller.js';

@Module({
  imports: [DomainModule],
  controllers: [
    AuthoringPagesController,
    ModuleEditorPagesController,
    MediaController,
    AuthoringApiController,
    CourseArchiveController,
    GiftController,
    ModuleLifecyclePagesController,
    CourseSettingsPagesController,
    CourseSettingsApiController,
  ],
})
export class AuthoringModule {}
