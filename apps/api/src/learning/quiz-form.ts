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

/** The page's view of a question: which option or choice the trainee picked, for showing it again. */
export function questionsForPage(view: AttemptView) {
  return view.questions.map((question) => {
    const response = question.review?.response;
    const chosen = new Set(Array.isArray(response) ? response : typeof response === 'string' ? [response] : []);
    const pairs = response && typeof response === 'object' && !Array.isArray(response) ? response : {};
    return {
      ...question,
      field: fieldName(question.id),
      isChoice: question.type === 'single' || question.type === 'multiple',
      isText: question.type === 'short' || question.type === 'numeric',
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
    };
  });
}
