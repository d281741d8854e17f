import type { Problem } from './problem.js';
import { checkDraws, type ParsedQuiz } from './quiz-parser.js';

interface ModuleQuiz {
  slug: string;
  path: string;
  quiz: ParsedQuiz | null;
}

/**
 * `pool=course`: a quiz's tagged draws take from every module's questions with that tag. The
 * other modules' questions are copied into the quiz (with their keys), their ids prefixed with
 * their module's slug (`visas.expired`), so a revision holds every question an attempt may ask.
 * Returns the quizzes in the same order, each with its borrowed questions.
 */
export function borrowCoursePools(modules: ModuleQuiz[], problems: Problem[]): Array<ParsedQuiz | null> {
  return modules.map((module) => {
    const parsed = module.quiz;
    if (!parsed || parsed.quiz.settings.pool !== 'course') return parsed;
    const tags = parsed.quiz.settings.draws.flatMap((d) => (d.tag === null ? [] : [d.tag]));
    const questions = [...parsed.quiz.questions];
    const key = { ...parsed.key };
    for (const other of modules) {
      if (other === module || !other.quiz) continue;
      for (const question of other.quiz.quiz.questions) {
        if (!question.tags.some((tag) => tags.includes(tag))) continue;
        const id = `${other.slug}.${question.id}`;
        questions.push({ ...question, id, number: questions.length + 1 });
        key[id] = other.quiz.key[question.id];
      }
    }
    checkDraws(module.path, parsed.line, parsed.quiz.settings.draws, questions, problems);
    return { ...parsed, quiz: { ...parsed.quiz, questions }, key };
  });
}
