import type { Catalogue } from '../translate.js';

/** Сообщения оценивания: правила просмотра теста, результаты, сводка перед началом. */
export const ru: Catalogue = {
  'quiz.answersHidden.pass-or-last': 'Разбор будет показан, когда вы сдадите тест или израсходуете все попытки.',
  'quiz.answersHidden.course-open': 'Разбор будет показан после закрытия курса.',
  'quiz.passMark': 'Проходной балл: {pass} %.',
  'quiz.attemptsUsedOf': 'Использовано попыток: {used} из {max}.',
  'quiz.attemptsUsedNoLimit': 'Использовано попыток: {used} (без ограничения).',
  'quiz.grading.best': 'Оценка за тест — ваша лучшая попытка.',
  'quiz.tryAgain': 'Попробовать ещё раз',
  'quiz.nextModule': 'Следующий модуль: {title}',
  'quiz.outcome.correct': 'Верно: {score} из {points} баллов.',
  'quiz.outcome.partial': 'Частично верно: {score} из {points} баллов.',
  'quiz.outcome.incorrect': 'Неверно: {score} из {points} баллов.',
  'quiz.correctAnswer': 'Правильный ответ:',
  'quiz.beforeYouStart': 'Перед началом',
  'quiz.questionCount': {
    one: '{count} вопрос.',
    few: '{count} вопроса.',
    many: '{count} вопросов.',
    other: '{count} вопроса.',
  },
  'quiz.timeLimit': {
    one: 'Ограничение времени: {count} минута.',
    few: 'Ограничение времени: {count} минуты.',
    many: 'Ограничение времени: {count} минут.',
    other: 'Ограничение времени: {count} минуты.',
  },
  'quiz.noTimeLimit': 'Без ограничения времени.',
  'quiz.attemptsAllowed': {
    one: '{count} попытка.',
    few: '{count} попытки.',
    many: '{count} попыток.',
    other: '{count} попытки.',
  },
  'quiz.attemptsUnlimited': 'Сколько угодно попыток.',
};
