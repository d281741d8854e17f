import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import type { QuestionResponse } from '@karvan/content';
import { QuizAttemptsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { ApiObject } from '../common/openapi.js';

export class SubmissionDto {
  @ApiProperty({
    description:
      'Per question id: an option id (single), option ids (multiple), text (short, numeric, essay) or item id → choice id (matching). An essay’s file is attached through the attempt’s page.',
    example: { 'sms-year': 'o2', agreements: ['o1', 'o2'], 'code-year': '2013' },
  })
  @IsObject()
  responses: Record<string, QuestionResponse>;
}

@ApiTags('quizzes')
@ApiBearerAuth()
@Access('learning.participate')
@Controller('api/v1')
export class QuizApiController {
  constructor(private readonly attempts: QuizAttemptsService) {}

  /** The caller's attempts at a module's quiz, and the best score. */
  @ApiObject('My attempts and my best score.')
  @Get('courses/:course/modules/:module/attempts')
  list(@CurrentUser() me: Principal, @Param('course') course: string, @Param('module') module: string) {
    return this.attempts.attemptsFor(me, course, module);
  }

  /** Starts an attempt (or returns the open one): questions in this attempt's order, without answers. */
  @ApiObject('The attempt: its questions in its order, without answers.', 201)
  @Post('courses/:course/modules/:module/attempts')
  start(@CurrentUser() me: Principal, @Param('course') course: string, @Param('module') module: string) {
    return this.attempts.start(me, course, module);
  }

  @ApiObject('The attempt, with its result once submitted.')
  @Get('attempts/:id')
  view(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.attempts.view(me, id);
  }

  /** Submits once; a repeated submission returns the stored result without grading again. */
  @ApiObject('The result: score, passed, and feedback per question.')
  @Post('attempts/:id/submission')
  @HttpCode(200)
  submit(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: SubmissionDto) {
    return this.attempts.submit(me, id, body.responses);
  }
}
