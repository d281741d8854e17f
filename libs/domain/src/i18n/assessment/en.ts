import type { Catalogue } from '../translate.js';

/** Messages of assessment: quiz review policy, results, the summary before starting. */
export const en: Catalogue = {
  'quiz.answersHidden.pass-or-last': 'The review is shown once you pass or have no attempts left.',
  'quiz.answersHidden.course-open': 'The review is shown when the course closes.',
  'quiz.passMark': 'Pass mark: {pass} %.',
  'quiz.attemptsUsedOf': 'Attempts used: {used} of {max}.',
  'quiz.attemptsUsedNoLimit': 'Attempts used: {used} (no limit).',
  'quiz.grading.best': 'Your grade for this quiz is your best attempt.',
  'quiz.tryAgain': 'Try again',
  'quiz.nextModule': 'Next module: {title}',
  'quiz.outcome.correct': 'Correct: {score} of {points} points.',
  'quiz.outcome.partial': 'Partly correct: {score} of {points} points.',
  'quiz.outcome.incorrect': 'Incorrect: {score} of {points} points.',
  'quiz.correctAnswer': 'Correct answer:',
  'quiz.beforeYouStart': 'Before you start',
  'quiz.questionCount': { one: '{count} question.', other: '{count} questions.' },
  'quiz.timeLimit': { one: 'Time limit: {count} minute.', other: 'Time limit: {count} minutes.' },
  'quiz.noTimeLimit': 'No time limit.',
  'quiz.attemptsAllowed': { one: '{count} attempt.', other: '{count} attempts.' },
  'quiz.attemptsUnlimited': 'As many attempts as you need.',
};
