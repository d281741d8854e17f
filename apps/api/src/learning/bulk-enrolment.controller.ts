import { Body, Controller, Get, Param, Post, Render, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { BulkEnrolmentService, EnrolmentsService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { parseForm } from '../common/forms.js';
import { renderPage } from '../common/render.js';
import type { KarvanReply } from '../common/request-context.js';
import { ApiObject } from '../common/openapi.js';

export class BulkEnrolmentDto {
  @ApiProperty({
    description: 'One e-mail address per line, or a CSV whose first column is the address.',
    example: 'leyla@migration.gov.az\nrashad@border.gov.az\n',
  })
  @IsString()
  @MaxLength(200_000)
  csv: string;
}

/** Trainers and coordinators enrol a list of people at once; unknown addresses are invited. */
@ApiTags('learning')
@ApiBearerAuth()
@Access('course.enrolments.manage')
@Controller()
export class BulkEnrolmentController {
  constructor(
    private readonly bulk: BulkEnrolmentService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  @ApiExcludeEndpoint()
  @Get('courses/:course/enrolments')
  @Render('pages/learning/bulk')
  async page(@CurrentUser() me: Principal, @Param('course') slug: string) {
    return { course: await this.enrolments.managed(me, slug) };
  }

  @ApiExcludeEndpoint()
  @Post('courses/:course/enrolments')
  async submit(
    @CurrentUser() me: Principal,
    @Param('course') slug: string,
    @Body() body: unknown,
    @Res() reply: KarvanReply,
  ) {
    const course = await this.enrolments.managed(me, slug);
    const { value, errors } = await parseForm(BulkEnrolmentDto, body);
    if (errors) return renderPage(reply, 'pages/learning/bulk', { course, errors }, 422);
    const report = await this.bulk.enrol(me, slug, value.csv);
    await renderPage(reply, 'pages/learning/bulk', { course, report });
  }

  /** Enrols every address; returns who was enrolled, who was invited, and which lines were not addresses. */
  @ApiObject('Who was enrolled, who was invited, and which lines were not addresses.', 201)
  @Post('api/v1/courses/:course/enrolments/bulk')
  api(@CurrentUser() me: Principal, @Param('course') slug: string, @Body() body: BulkEnrolmentDto) {
    return this.bulk.enrol(me, slug, body.csv);
  }
}
