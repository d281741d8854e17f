import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { GlossaryController } from './glossary.controller.js';

@Module({ imports: [DomainModule], controllers: [GlossaryController] })
export class GlossaryModule {}
