import type { AnswerKey, KeyEntry, PublicQuestion, QuizModel } from '@karvan/content';
import { translate } from '../i18n/translate.js';
import type { Locale } from '../shared/locale.js';
import { escapeHtml, toXhtml } from './book-html.js';

const letter = (index: number) => String.fromCharCode(97 + index);

/** A chapter's quiz as end-of-chapter exercises: questions and options, never which is right. */
export function exercisesHtml(quiz: QuizModel, language: Locale, chapter: number): string {
  const items = quiz.questions.map((q) => `<li id="ex-${chapter}-${q.number}">${questionHtml(q, language)}</li>`);
  return toXhtml(`<ol class="exercise-list">${items.join('\n')}</ol>`);
}

function questionHtml(q: PublicQuestion, language: Locale): string {
  const prompt = `<p class="exercise-prompt">${q.promptHtml}</p>`;
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const hint = q.type === 'multiple' ? ` <span class="hint">${t(language, 'book.exercise.multiple')}</span>` : '';
      const options = q.options.map((o, i) => `<li><span class="option-letter">${letter(i)})</span> ${o.html}</li>`);
      return `${prompt.replace('</p>', `${hint}</p>`)}<ul class="options">${options.join('')}</ul>`;
    }
    case 'short':
    case 'numeric':
    case 'essay':
      return `${prompt}<p class="answer-line">${t(language, 'book.exercise.write')} <span class="blank"></span></p>`;
    case 'matching': {
      const items = q.items.map((item) => `<li>${item.html}</li>`).join('');
      const choices = q.choices.map((c, i) => `<li><span class="option-letter">${letter(i)})</span> ${c.html}</li>`);
      return (
        `${prompt}<ol class="match-items">${items}</ol>` +
        `<p class="hint">${t(language, 'book.exercise.match')}</p><ul class="options">${choices.join('')}</ul>`
      );
    }
  }
}

/** The answer key of one chapter, for the trainer edition's appendix. */
export function answersHtml(quiz: QuizModel, key: AnswerKey): string {
  const items = quiz.questions.map((q) => {
    const entry = key[q.id];
    const answer = entry ? answerText(q, entry) : '';
    const feedback = entry?.feedbackHtml ? `<div class="feedback">${entry.feedbackHtml}</div>` : '';
    return `<li value="${q.number}"><p class="answer">${answer}</p>${feedback}</li>`;
  });
  return toXhtml(`<ol class="answer-list">${items.join('\n')}</ol>`);
}

function answerText(q: PublicQuestion, entry: KeyEntry): string {
  if (entry.type === 'single' || entry.type === 'multiple') {
    const options = 'options' in q ? q.options : [];
    return options
      .map((o, i) => (entry.correct.includes(o.id) ? `${letter(i)}) ${o.html}` : null))
      .filter((x): x is string => x !== null)
      .join('; ');
  }
  if (entry.type === 'short') return entry.accepted.map(escapeHtml).join(' / ');
  if (entry.type === 'numeric')
    return entry.accepted
      .map((a) => escapeHtml(a.tolerance ? `${a.value} ± ${a.tolerance}` : `${a.value}`))
      .join(' / ');
  // An essay has no one answer: its rubric says what the grader looks for.
  if (entry.type === 'essay') return entry.rubric.map((c) => `${c.html} (${c.points})`).join('; ');
  if (q.type !== 'matching' || entry.type !== 'matching') return '';
  const choices = new Map(q.choices.map((c, i) => [c.id, `${letter(i)}) ${c.html}`]));
  return q.items.map((item) => `${item.html} → ${choices.get(entry.pairs[item.id]) ?? ''}`).join('; ');
}

function t(language: Locale, key: string): string {
  return escapeHtml(translate(language, key));
}
