import { Module } from '@nestjs/common';
import { GlossaryService } from './glossary.service.js';

/** The glossary feature: the terms content sync stores, read by module rendering and the glossary page. */
@Module({ providers: [GlossaryService], exports: [GlossaryService] })
export class GlossaryDomainModule {}
