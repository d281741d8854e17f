import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { EventDispatcher } from './event-dispatcher.service.js';
import { DomainEvents } from './domain-events.service.js';

/** What other features may use. */
const PUBLIC = [EventDispatcher, DomainEvents];

/** The events feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule],
  providers: [...PUBLIC],
  exports: [...PUBLIC, JobsModule],
})
export class EventsDomainModule {}
