import { Module } from '@nestjs/common';
import { CertificatesDomainModule } from '../certificates/index.js';
import { CoursesDomainModule } from '../courses/index.js';
import { EventsDomainModule } from '../events/index.js';
import { GlossaryDomainModule } from '../glossary/index.js';
import { LearningDomainModule } from '../learning/index.js';
import { BookBuilder } from './book-builder.service.js';
import { BooksService } from './books.service.js';

/** What other features may use. */
const PUBLIC = [BooksService, BookBuilder];

/** The books feature: course books as PDF and EPUB, built in the worker and cached. */
@Module({
  imports: [
    EventsDomainModule,
    GlossaryDomainModule,
    CertificatesDomainModule,
    CoursesDomainModule,
    LearningDomainModule,
  ],
  providers: [...PUBLIC],
  exports: PUBLIC,
})
export class BooksDomainModule {}
