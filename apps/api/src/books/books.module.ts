import { Module } from '@nestjs/common';
import { DomainModule } from '@karvan/domain';
import { BooksController } from './books.controller.js';

@Module({ imports: [DomainModule], controllers: [BooksController] })
export class BooksModule {}
