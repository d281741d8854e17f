import { Module } from '@nestjs/common';
import { JobsModule } from '@karvan/jobs';
import { EventDispatcher } from './event-dispatcher.service.js';
import { DomainEvents } from './domain-events.service.js';

/** The events feature: its services, with only the public ones exported. */
@Module({
  imports: [JobsModule],
  providers: [EventDispatcher, DomainEvents],
  exports: [EventDispatcher, DomainEvents, JobsModule],
})
export class EventsDomainModule {}
