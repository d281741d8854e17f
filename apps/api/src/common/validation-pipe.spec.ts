import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { InvalidFieldsException, RequestValidationPipe } from './validation-pipe.js';

class OptionalQuery {
  @IsOptional() @IsIn(['en', 'az', 'ru']) language?: string;
  @IsOptional() @IsString({ each: true }) tags: string[] = [];
}

class RequiredQuery {
  @IsString() q!: string;
}

const asQuery = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

describe('the request validation pipe', () => {
  it('answers an empty query with a new instance of its class every time', async () => {
    const pipe = new RequestValidationPipe();
    const first = (await pipe.transform({}, asQuery(OptionalQuery))) as OptionalQuery;
    first.tags.push('changed by the first request');
    first.language = 'az';
    const second = (await pipe.transform({}, asQuery(OptionalQuery))) as OptionalQuery;
    expect(second).toBeInstanceOf(OptionalQuery);
    expect(second).not.toBe(first);
    expect(second.tags).toEqual([]);
    expect(second.language).toBeUndefined();
  });

  it('still refuses bad or unknown parameters once an empty query has passed', async () => {
    const pipe = new RequestValidationPipe();
    await pipe.transform({}, asQuery(OptionalQuery));
    await expect(pipe.transform({ language: 'xx' }, asQuery(OptionalQuery))).rejects.toThrow(BadRequestException);
    await expect(pipe.transform({ other: '1' }, asQuery(OptionalQuery))).rejects.toThrow(BadRequestException);
    await expect(pipe.transform({ language: 'ru' }, asQuery(OptionalQuery))).resolves.toMatchObject({
      language: 'ru',
    });
  });

  it("names the fields at fault, besides Nest's messages", async () => {
    const pipe = new RequestValidationPipe();
    const refusal = await pipe
      .transform({ language: 'xx', other: '1' }, asQuery(OptionalQuery))
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InvalidFieldsException);
    expect((refusal as InvalidFieldsException).fields).toEqual(['other', 'language']);
    expect((refusal as InvalidFieldsException).getResponse()).toMatchObject({
      statusCode: 400,
      message: ['property other should not exist', 'language must be one of the following values: en, az, ru'],
    });
  });

  it('refuses every empty query of a class that requires a parameter', async () => {
    const pipe = new RequestValidationPipe();
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({}, asQuery(RequiredQuery))).rejects.toThrow(BadRequestException);
    }
  });

  it('validates an empty body as before, every time', async () => {
    const pipe = new RequestValidationPipe();
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({}, { type: 'body', metatype: RequiredQuery })).rejects.toThrow(BadRequestException);
    }
  });
});
