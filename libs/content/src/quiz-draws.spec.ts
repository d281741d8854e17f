import { drawQuestions, formatProblem, parseQuiz, seededRandom, shuffleWith } from '@karvan/content';

/** Ten questions: four tagged .scenario, six plain. */
function quizText(attributes: string): string {
  const questions = Array.from({ length: 10 }, (_, i) => {
    const tag = i < 4 ? ' .scenario' : '';
    return `${i + 1}. Question ${i + 1} {#q${i + 1}${tag}}\n   = a${i + 1}`;
  });
  return `::: quiz ${attributes}\n${questions.join('\n\n')}\n:::`;
}

function errors(attributes: string): string[] {
  return parseQuiz(quizText(attributes)).problems.map((p) => formatProblem(p).replace(/^\S+ error /, ''));
}

describe('drawing questions from pools', () => {
  it('reads draw=N and draw=TAG:N', () => {
    const { settings } = parseQuiz(quizText('draw=scenario:2 draw=3')).parsed!.quiz;
    expect(settings.draws).toEqual([
      { tag: 'scenario', count: 2 },
      { tag: null, count: 3 },
    ]);
  });

  it('refuses a draw larger than its pool, a bad draw and a pool drawn twice', () => {
    expect(errors('draw=11')).toEqual([
      'draw=11 asks for more questions than the questions outside tagged pools have (10)',
    ]);
    expect(errors('draw=scenario:5')).toEqual([
      'draw=scenario:5 asks for more questions than the pool "scenario" has (4)',
    ]);
    expect(errors('draw=scenario:2 draw=7')).toEqual([
      'draw=7 asks for more questions than the questions outside tagged pools have (6)',
    ]);
    expect(errors('draw=lots')).toEqual([
      'draw must be a number of questions, or a tag and a number, e.g. draw=5 or draw=scenario:2',
    ]);
    expect(errors('draw=0')).toHaveLength(1);
    expect(errors('draw=2 draw=3')).toEqual(['only one draw may have no tag']);
    expect(errors('draw=scenario:1 draw=scenario:2')).toEqual(['two draws from the pool "scenario": merge them']);
    expect(errors('draw=scenario:4 draw=6')).toEqual([]);
  });

  it('refuses a question that sits in two drawn pools', () => {
    const text = '::: quiz draw=a:1 draw=b:1\n1. One {.a .b}\n   = x\n2. Two {.a}\n   = y\n3. Three {.b}\n   = z\n:::';
    expect(parseQuiz(text).problems.map((p) => p.message)).toEqual(['question 1 is in two pools drawn from: a, b']);
  });

  it('draws the same questions for the same seed, distinct ones of each pool, and every question over many seeds', () => {
    const { quiz } = parseQuiz(quizText('draw=scenario:2 draw=3')).parsed!;
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const drawn = drawQuestions(quiz.questions, quiz.settings.draws, seededRandom(`seed-${i}`));
      expect(drawQuestions(quiz.questions, quiz.settings.draws, seededRandom(`seed-${i}`))).toEqual(drawn);
      expect(new Set(drawn).size).toBe(5);
      expect(drawn.filter((id) => Number(id.slice(1)) <= 4)).toHaveLength(2);
      drawn.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBe(10);
  });

  it('asks the questions outside every pool when there is no untagged draw', () => {
    const { quiz } = parseQuiz(quizText('draw=scenario:1')).parsed!;
    const drawn = drawQuestions(quiz.questions, quiz.settings.draws, seededRandom('x'));
    expect(drawn).toHaveLength(7);
    expect(drawn.slice(1)).toEqual(['q5', 'q6', 'q7', 'q8', 'q9', 'q10']);
  });

  it('shuffles reproducibly from a seed, each order about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = shuffleWith(['a', 'b', 'c'], seededRandom(String(i))).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
    expect(shuffleWith([1, 2, 3, 4, 5], seededRandom('same'))).toEqual(
      shuffleWith([1, 2, 3, 4, 5], seededRandom('same')),
    );
  });
});
