import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import karvan from '../tools/eslint/boundaries.mjs';

const rule = karvan.rules!.boundaries as never;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: 'module' } });
const domain = (file: string) => `/repo/libs/domain/src/${file}`;

describe('the boundary lint rule', () => {
  tester.run('karvan/boundaries', rule, {
    valid: [
      {
        filename: domain('learning/completion.ts'),
        code: "import { requestCertificate } from '../certificates/index.js';",
      },
      { filename: domain('learning/completion.ts'), code: "import { isUuid } from '../shared/ids.js';" },
      { filename: domain('learning/completion.ts'), code: "import { attemptView } from './attempt-view.js';" },
      { filename: domain('summer/cohorts.service.ts'), code: "import { loadConfig } from '@karvan/config';" },
      {
        filename: '/repo/apps/api/src/home/home.controller.ts',
        code: "import { UsersService } from '@karvan/domain';",
      },
      { filename: domain('learning/quiz-attempts.e2e-spec.ts'), code: "import { createUser } from '@karvan/testing';" },
    ],
    invalid: [
      {
        filename: domain('learning/completion.ts'),
        code: "import { requestCertificate } from '../certificates/certificate-requests.js';",
        errors: [{ message: /through "certificates\/index.js"/ }],
      },
      {
        filename: domain('summer/cohorts.service.ts'),
        code: "export { GrantsService } from '../access/grants.service.js';",
        errors: [{ message: /through "access\/index.js"/ }],
      },
      {
        filename: '/repo/libs/content/src/course-builder.ts',
        code: "import { CoursesService } from '@karvan/domain';",
        errors: [{ message: /up a floor/ }],
      },
      {
        filename: domain('courses/courses.service.ts'),
        code: "import { createUser } from '@karvan/testing';",
        errors: [{ message: /up a floor/ }],
      },
      {
        filename: '/repo/apps/api/src/home/home.controller.ts',
        code: "import { UsersService } from '@karvan/domain/users/users.service.js';",
        errors: [{ message: /not a file inside it/ }],
      },
      {
        filename: '/repo/apps/api/src/home/home.controller.ts',
        code: "import { UsersService } from '../../../../libs/domain/src/users/users.service.js';",
        errors: [{ message: /Import @karvan\/domain, not its files/ }],
      },
    ],
  });
});
