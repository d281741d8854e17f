import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { DemoService } from './demo.service.js';

/** Demo data for a laptop preview, kept out of the domain: it only calls into it. */
@Module({
  imports: [DomainModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
