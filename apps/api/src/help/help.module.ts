import { Module } from '@nestjs/common';
import { HelpPagesController } from './help-pages.controller.js';

@Module({ controllers: [HelpPagesController] })
export class HelpModule {}
