import { alignedFeedback, alignQuiz, parseQuiz, type ParsedQuiz } from '@karvan/content';

const BASE = `::: quiz pass=50 attempts=2
1. Who guards the border? {#guard}
   - [ ] The State Migration Service
   - [x] The State Border Service

2. Match each check to its line. {#lines}
   - Document check -> First line
   - Interview -> Second line
   - Fingerprint -> Second line

3. Which body is the single window? {#body}
   = State Migration Service
:::
`;

const AZ = `::: quiz pass=50
1. Sərhədi kim qoruyur? {#guard}
   - [ ] Dövlət Miqrasiya Xidməti
   - [x] Dövlət Sərhəd Xidməti

2. Hər yoxlamanı onun xəttinə uyğunlaşdırın. {#lines}
   - Sənəd yoxlaması -> Birinci xətt
   - Müsahibə -> İkinci xətt
   - Barmaq izi -> İkinci xətt

3. Vahid pəncərə hansı qurumdur? {#body}
   = Dövlət Miqrasiya Xidməti
:::
`;

function parsed(text: string): ParsedQuiz {
  const result = parseQuiz(text, { path: 'x.md', lineOffset: 0 });
  if (!result.parsed) throw new Error(JSON.stringify(result.problems));
  return result.parsed;
}

describe('alignQuiz: a translation shown with the base quiz’s ids', () => {
  const base = parsed(BASE);

  it('keeps the base ids, points and settings, in the translation’s words', () => {
    const aligned = alignQuiz(base, parsed(AZ), 'hash-of-base')!;
    expect(aligned.alignedTo).toBe('hash-of-base');
    expect(aligned.settings).toEqual(base.quiz.settings);
    expect(aligned.questions.map((q) => [q.id, q.type, q.points, q.promptHtml])).toEqual([
      ['guard', 'single', 1, 'Sərhədi kim qoruyur?'],
      ['lines', 'matching', 1, 'Hər yoxlamanı onun xəttinə uyğunlaşdırın.'],
      ['body', 'short', 1, 'Vahid pəncərə hansı qurumdur?'],
    ]);
  });

  it('gives each translated right-hand side the id of the base one it is paired like', () => {
    const aligned = alignQuiz(base, parsed(AZ), 'h')!;
    const ours = base.quiz.questions[1] as Extract<ParsedQuiz['quiz']['questions'][number], { type: 'matching' }>;
    const theirs = aligned.questions[1] as typeof ours;
    const first = ours.choices.find((c) => c.html === 'First line')!.id;
    const second = ours.choices.find((c) => c.html === 'Second line')!.id;
    expect(theirs.choices.find((c) => c.id === first)!.html).toBe('Birinci xətt');
    expect(theirs.choices.find((c) => c.id === second)!.html).toBe('İkinci xətt');
    expect(theirs.items.map((i) => [i.id, i.html])).toEqual([
      ['l1', 'Sənəd yoxlaması'],
      ['l2', 'Müsahibə'],
      ['l3', 'Barmaq izi'],
    ]);
  });

  it('gives up (null) when the shapes differ, so the base quiz is shown', () => {
    const fewerOptions = AZ.replace(
      '   - [ ] Dövlət Miqrasiya Xidməti\n',
      '   - [ ] Dövlət Miqrasiya Xidməti\n   - [ ] Nazirlik\n',
    );
    expect(alignQuiz(base, parsed(fewerOptions), 'h')).toBeNull();
    const pairedOtherwise = AZ.replace('Barmaq izi -> İkinci xətt', 'Barmaq izi -> Birinci xətt');
    expect(alignQuiz(base, parsed(pairedOtherwise), 'h')).toBeNull();
    const missing = AZ.slice(0, AZ.indexOf('3. Vahid')) + ':::\n';
    expect(alignQuiz(base, parsed(missing), 'h')).toBeNull();
  });
});

describe('alignedFeedback: a translation’s feedback by the base question’s id', () => {
  it('takes each question’s feedback from the translation, by position, whatever ids the translation gives', () => {
    const base = parsed(
      BASE.replace(
        '   - [x] The State Border Service\n',
        '   - [x] The State Border Service\n   > It guards the border.\n',
      ),
    );
    // The translation numbers its questions without ids: they are matched by position.
    const az = parsed(
      AZ.replace(' {#guard}', '')
        .replace('   - [x] Dövlət Sərhəd Xidməti\n', '   - [x] Dövlət Sərhəd Xidməti\n   > Sərhədi o qoruyur.\n')
        .replace('   = Dövlət Miqrasiya Xidməti\n', '   = Dövlət Miqrasiya Xidməti\n   > Vahid pəncərə Xidmətdir.\n'),
    );
    expect(az.quiz.questions[0].id).not.toBe('guard');
    expect(alignedFeedback(base, az)).toEqual({
      guard: '<p>Sərhədi o qoruyur.</p>\n',
      body: '<p>Vahid pəncərə Xidmətdir.</p>\n',
    });
  });
});
