import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { RegradeService, type Principal } from '@karvan/domain';
import { Access, CurrentUser } from '../common/decorators.js';
import { ApiObject } from '../common/openapi.js';

export class GradeOverrideDto {
  @ApiProperty({ description: 'The points this answer earns, from 0 to the question’s points.', example: 1 })
  @IsNumber()
  @Min(0)
  @Max(1000)
  points: number;

  @ApiProperty({ description: 'Why the grade changes; kept in the grade audit.', example: 'Accepted in the session.' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

/** Changing grades after submission, for a course's authors and admins. */
@ApiTags('quizzes')
@ApiBearerAuth()
@Access('course.edit')
@Controller('api/v1')
export class RegradeController {
  constructor(private readonly regrades: RegradeService) {}

  /** Grades every submitted answer to the question again with the module's current (fixed) key. */
  @ApiObject('Every changed result, completions recorded or withdrawn, certificates to decide on.')
  @Post('courses/:course/modules/:module/questions/:question/regrade')
  @HttpCode(200)
  regrade(
    @CurrentUser() me: Principal,
    @Param('course') course: string,
    @Param('module') module: string,
    @Param('question') question: string,
  ) {
    return this.regrades.regrade(me, course, module, question);
  }

  /** Sets one answer's points by hand, with a reason. */
  @ApiObject('The changed result, as a regrade reports it.')
  @Post('attempts/:id/answers/:question/grade')
  @HttpCode(200)
  override(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('question') question: string,
    @Body() body: GradeOverrideDto,
  ) {
    return this.regrades.override(me, id, question, body.points, body.reason);
  }
}
