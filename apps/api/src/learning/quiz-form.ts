import type { QuestionResponse } from '@karvan/content';
import type { AttemptView } from '@karvan/domain';

/** Form field names of an attempt page: one per question, and one per matching item. */
export function fieldName(questionId: string, itemId?: string): string {
  return itemId ? `m-${questionId}-${itemId}` : `q-${questionId}`;
}

/** Reads the submitted form back into responses, by the questions this attempt showed. */
export function responsesFromForm(view: AttemptView, body: Record<string, unknown>): Record<string, QuestionResponse> {
  const responses: Record<string, QuestionResponse> = {};
  for (const question of view.questions) {
    if (question.type === 'matching') {
      const pairs: Record<string, string> = {};
      for (const item of question.items) {
        const value = body[fieldName(question.id, item.id)];
        if (typeof value === 'string' && value !== '') pairs[item.id] = value;
      }
      responses[question.id] = pairs;
      continue;
    }
    const value = body[fieldName(question.id)];
    if (question.type === 'multiple') {
      responses[question.id] = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    } else if (typeof value === 'string') {
      responses[question.id] = value;
    }
  }
  return responses;
}

/**
 * The page's view of a question: which option or choice the trainee picked, for showing it again
 * (after submission, or from `typed` when a refused submission shows the form again).
 */
export function questionsForPage(view: AttemptView, typed: Record<string, QuestionResponse> = {}) {
  return view.questions.map((question) => {
    const response = question.review?.response ?? typed[question.id];
    const chosen = new Set(Array.isArray(response) ? response : typeof response === 'string' ? [response] : []);
    const pairs = response && typeof response === 'object' && !Array.isArray(response) ? response : {};
    return {
      ...question,
      field: fieldName(question.id),
      isChoice: question.type === 'single' || question.type === 'multiple',
      isText: question.type === 'short' || question.type === 'numeric',
      isEssay: question.type === 'essay',
      allowsFile: question.type === 'essay' && question.file,
      fileField: `file-${question.id}`,
      options: 'options' in question ? question.options.map((o) => ({ ...o, checked: chosen.has(o.id) })) : [],
      items:
        question.type === 'matching'
          ? question.items.map((item) => ({
              ...item,
              field: fieldName(question.id, item.id),
              choices: question.choices.map((c) => ({ ...c, selected: pairs[item.id] === c.id })),
            }))
          : [],
      typed: typeof response === 'string' ? response : '',
      ...correctAnswerOf(question),
    };
  });
}

/**
 * The correct answer as the results page shows it: option and pair texts are rendered HTML from
 * the module (`correctHtml`), typed answers plain text the template escapes (`correctText`).
 */
function correctAnswerOf(question: AttemptView['questions'][number]): { correctHtml: string[]; correctText: string[] } {
  const answer = question.review?.answer;
  const none = { correctHtml: [], correctText: [] };
  if (!answer) return none;
  if ((answer.type === 'single' || answer.type === 'multiple') && 'options' in question) {
    return { ...none, correctHtml: question.options.filter((o) => answer.correct.includes(o.id)).map((o) => o.html) };
  }
  if (answer.type === 'short') return { ...none, correctText: answer.accepted };
  if (answer.type === 'numeric') {
    return {
      ...none,
      correctText: answer.accepted.map((a) => (a.tolerance ? `${a.value} ± ${a.tolerance}` : `${a.value}`)),
    };
  }
  if (answer.type === 'matching' && question.type === 'matching') {
    const choice = (id: string) => question.choices.find((c) => c.id === id)?.html ?? '';
    return { ...none, correctHtml: question.items.map((item) => `${item.html} → ${choice(answer.pairs[item.id])}`) };
  }
  return none;
}
