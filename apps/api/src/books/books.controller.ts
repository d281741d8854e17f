import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExcludeEndpoint,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { BooksService, type Book, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import { respond } from '../common/respond.js';
import type { KarvanReply } from '../common/request-context.js';
import { ApiObject } from '../common/openapi.js';
import { BookRequestDto } from './books.dto.js';

// While a book is being built its page looks again by itself, without JavaScript; a build takes seconds.
const REFRESH_SECONDS = 3;

/** A course as a book: choose language, edition and format; watch it build; download it. */
@ApiTags('books')
@ApiBearerAuth()
@Access('learning.participate')
@Controller()
export class BooksController {
  constructor(private readonly books: BooksService) {}

  @ApiExcludeEndpoint()
  @Get('courses/:course/book')
  async choose(@CurrentUser() me: Principal, @Param('course') slug: string, @Res() reply: KarvanReply) {
    await renderPage(reply, 'pages/books/choose', await this.books.choices(me, slug));
  }

  @ApiOperation({ summary: 'Ask for the course as a book; it is built in the background, once per revision.' })
  @ApiObject('The book: its status and progress, and its file once ready.', 202)
  @ApiBody({ type: BookRequestDto })
  @Post(['courses/:course/book', 'api/v1/courses/:course/books'])
  @HttpCode(202)
  async request(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const { value } = await parseForm(BookRequestDto, body);
    const book = await this.books.request(me, slug, value);
    await respond(reply, book, `/courses/${slug}/book/${book.id}`, 202);
  }

  @ApiExcludeEndpoint()
  @Get('courses/:course/book/:id')
  async status(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Param('id') id: string,
    @Res() reply: KarvanReply,
  ) {
    const book = await this.books.get(me, slug, id);
    const building = book.status === 'queued' || book.status === 'building';
    await renderPage(reply, 'pages/books/status', {
      book,
      size: book.size === null ? '' : `${(book.size / 1024).toFixed(0)} KB`,
      refreshSeconds: building ? REFRESH_SECONDS : undefined,
    });
  }

  @ApiOperation({ summary: 'A book’s status and progress.' })
  @ApiObject('The book.')
  @Get('api/v1/courses/:course/books/:id')
  book(@CurrentUser() me: Principal, @Param('course') slug: string, @Param('id') id: string): Promise<Book> {
    return this.books.get(me, slug, id);
  }

  @ApiOperation({ summary: 'The book’s file (PDF or EPUB), once it is ready.' })
  @ApiProduces('application/pdf', 'application/epub+zip')
  @ApiResponse({
    status: 200,
    description: 'The PDF or the EPUB, as the book was asked for.',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'application/epub+zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @Get(['courses/:course/book/:id/file', 'api/v1/courses/:course/books/:id/file'])
  async file(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Param('id') id: string,
    @Res() reply: KarvanReply,
  ) {
    const { book, bytes } = await this.books.download(me, slug, id);
    await reply
      .header('content-type', book.contentType)
      .header('content-disposition', `attachment; filename="${book.fileName}"`)
      .send(bytes);
  }
}
