import type { Catalogue } from '../translate.js';

/** Qiymətləndirmə mesajları: testin nəzərdən keçirilməsi qaydası, nəticələr, başlamazdan əvvəlki xülasə. */
export const az: Catalogue = {
  'quiz.answersHidden.pass-or-last': 'Təhlil testi keçdikdən və ya cəhdləriniz bitdikdən sonra göstərilir.',
  'quiz.answersHidden.course-open': 'Təhlil kurs bağlandıqdan sonra göstərilir.',
  'quiz.passMark': 'Keçid balı: {pass} %.',
  'quiz.attemptsUsedOf': 'İstifadə olunan cəhdlər: {used} / {max}.',
  'quiz.attemptsUsedNoLimit': 'İstifadə olunan cəhdlər: {used} (məhdudiyyət yoxdur).',
  'quiz.grading.best': 'Bu test üzrə qiymətiniz ən yaxşı cəhdinizdir.',
  'quiz.tryAgain': 'Yenidən cəhd edin',
  'quiz.nextModule': 'Növbəti modul: {title}',
  'quiz.outcome.correct': 'Düzgündür: {points} baldan {score}.',
  'quiz.outcome.partial': 'Qismən düzgündür: {points} baldan {score}.',
  'quiz.outcome.incorrect': 'Səhvdir: {points} baldan {score}.',
  'quiz.correctAnswer': 'Düzgün cavab:',
  'quiz.beforeYouStart': 'Başlamazdan əvvəl',
  'quiz.questionCount': { one: '{count} sual.', other: '{count} sual.' },
  'quiz.timeLimit': { one: 'Vaxt həddi: {count} dəqiqə.', other: 'Vaxt həddi: {count} dəqiqə.' },
  'quiz.noTimeLimit': 'Vaxt həddi yoxdur.',
  'quiz.attemptsAllowed': { one: '{count} cəhd.', other: '{count} cəhd.' },
  'quiz.attemptsUnlimited': 'Lazım olduğu qədər cəhd.',
};
