import { formatProblem } from '../problem.js';
import { parseQuiz } from '../quiz-parser.js';
import { splitGiftBlocks } from './gift-lexer.js';
import { importGift } from './index.js';

function parsedOk(markdown: string) {
  const result = parseQuiz(markdown);
  expect(result.problems.map(formatProblem)).toEqual([]);
  return result.parsed!;
}

describe('reading a GIFT file', () => {
  it('splits questions at blank lines, drops comment lines and keeps the first line of each', () => {
    const gift = '// intro\n\n// about Q1\n::Q1::\nA?\n{T}\n   \n\r\n// c\n::Q2::B?{F}\n';
    expect(splitGiftBlocks(gift).map((b) => b.line)).toEqual([4, 10]);
    expect(importGift(gift).taken.map((t) => [t.line, t.title])).toEqual([
      [4, 'Q1'],
      [10, 'Q2'],
    ]);
  });

  it('ignores $CATEGORY lines without reporting them', () => {
    const result = importGift('$CATEGORY: $course$/Top/Geography\n\nCapital of France?{=Paris}');
    expect(result.skipped).toEqual([]);
    expect(result.taken).toEqual([{ line: 3, title: 'Capital of France?', type: 'short' }]);
  });

  it('resolves the escapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n', () => {
    const gift = '::a\\:b::Is 1\\=1 \\{really\\} \\~ \\#1\\: yes\\nor no?{=a\\~b\\#c ~d\\\\e}';
    const result = importGift(gift);
    expect(result.taken[0].title).toBe('a:b');
    const { quiz } = parsedOk(result.markdown);
    expect(quiz.questions[0]).toMatchObject({
      id: 'a-b',
      promptHtml: 'Is 1=1 {really} ~ #1: yes or no?',
      options: [{ html: 'a~b#c' }, { html: 'd\\e' }],
    });
  });

  it('reads an answer block spread over several indented lines', () => {
    const gift = 'Japanese characters originally came from what country? {\n    ~India\n    =China\n    ~Korea\n}';
    expect(parsedOk(importGift(gift).markdown).key.q1).toMatchObject({ correct: ['o2'] });
  });
});

describe('GIFT text formats', () => {
  it('turns [html] into Markdown with the same emphasis, decoding entities, never raw HTML', () => {
    const gift =
      '[html]<p>Is <b>5 &lt; 6</b> &amp; <script>alert(1)</script><i>true</i>?<br>Think<img src="x.png" alt="a chart">.</p>{T}';
    const result = importGift(gift);
    expect(result.markdown).toContain('1. Is **5 \\< 6** \\& *true*? Think a chart . {#q1}');
    expect(result.markdown).not.toMatch(/<[a-z/]/i);
    expect(result.taken[0].reason).toBe(
      'the question text had several paragraphs or line breaks: joined into one paragraph; ' +
        'images in the question text are not imported (their alt text is kept)',
    );
    expect(parsedOk(result.markdown).quiz.questions[0].promptHtml).toBe(
      'Is <strong>5 &lt; 6</strong> &amp; <em>true</em>? Think a chart .',
    );
  });

  it('keeps [html] code and safe links as Markdown, and drops unsafe link targets', () => {
    const gift =
      '[html]See <a href="https://www.ilo.org/normlex">NORMLEX</a>, <a href="javascript:alert(1)">this</a> and <code>C097</code>.{T}';
    const { quiz } = parsedOk(importGift(gift).markdown);
    expect(quiz.questions[0].promptHtml).toBe(
      'See <a href="https://www.ilo.org/normlex">NORMLEX</a>, this and <code>C097</code>.',
    );
  });

  it('treats unmarked text as [moodle], which allows HTML', () => {
    expect(importGift('A <em>word</em> & 2 < 3?{T}').markdown).toContain('1. A *word* \\& 2 \\< 3? {#q1}');
    expect(importGift('[moodle]A <em>word</em>?{T}').markdown).toContain('1. A *word*? {#q1}');
  });

  it('keeps [plain] text as written, escaping what Markdown would read as markup', () => {
    const result = importGift('[plain]Is <b> a *tag* or [x] `code` ~~gone~~ a->b?{T}');
    const { quiz } = parsedOk(result.markdown);
    expect(quiz.questions[0].promptHtml).toBe('Is &lt;b&gt; a *tag* or [x] `code` ~~gone~~ a-&gt;b?');
  });

  it('keeps [markdown] as Markdown but drops HTML tags in it', () => {
    const result = importGift('[markdown]Is **this** <b>bold</b>?{=[markdown]*yes* ~no}');
    const { quiz } = parsedOk(result.markdown);
    expect(quiz.questions[0]).toMatchObject({
      promptHtml: 'Is <strong>this</strong> bold?',
      options: [{ html: '<em>yes</em>' }, { html: 'no' }],
    });
  });

  it('reads format tags on answers and feedback, defaulting to the question text format', () => {
    const gift = '[plain]Pick <one>.{=[html]<b>A</b> # [html]<i>good</i> ~<b>B</b> # <i>no</i>}';
    const { quiz, key } = parsedOk(importGift(gift).markdown);
    expect(quiz.questions[0]).toMatchObject({
      options: [{ html: '<strong>A</strong>' }, { html: '&lt;b&gt;B&lt;/b&gt;' }],
    });
    expect(key.q1.feedbackHtml).toBe(
      '<p>“<strong>A</strong>”: <em>good</em>. “&lt;b&gt;B&lt;/b&gt;”: &lt;i&gt;no&lt;/i&gt;.</p>\n',
    );
  });

  it('keeps text that looks like quiz syntax from being read as options, pairs or ids', () => {
    const gift = 'Match \\{#x\\} and - [x] things.{=[x] a -> 1 =b -> c->2}\n\n[plain]Feedback?{T####- 1. # heading}';
    const { quiz, key } = parsedOk(importGift(gift).markdown);
    expect(quiz.questions[0]).toMatchObject({
      id: 'q1',
      promptHtml: 'Match {#x} and - [x] things.',
      items: [{ html: '[x] a' }, { html: 'b' }],
    });
    expect(quiz.questions[0].type === 'matching' && quiz.questions[0].choices.map((c) => c.html).sort()).toEqual([
      '1',
      'c-&gt;2',
    ]);
    expect(key.q2.feedbackHtml).toBe('<p>- 1. # heading</p>\n');
  });
});
