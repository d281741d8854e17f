// An attempt sent with questions left unanswered uses up an attempt like any other. So the first
// press names those questions and the second sends the answers as they are. Without JavaScript the
// form is sent at once, as before.
(function () {
  const form = document.querySelector('form.quiz[data-unanswered]');
  if (!form) return;
  const alert = form.querySelector('.unanswered');
  let warned = false;

  function answered(question) {
    const fields = [...question.querySelectorAll('input, textarea, select')].filter((f) => f.type !== 'file');
    const choices = fields.filter((f) => f.type === 'radio' || f.type === 'checkbox');
    if (choices.length) return choices.some((f) => f.checked);
    return fields.length === 0 || fields.every((f) => f.value.trim() !== '');
  }

  form.addEventListener('submit', function (event) {
    if (warned) return;
    const open = [...form.querySelectorAll('.question')].filter((q) => !answered(q));
    if (!open.length) return;
    event.preventDefault();
    warned = true;
    const numbers = open.map((q) => q.querySelector('.question-number').textContent.replace('.', '')).join(', ');
    alert.textContent = form.getAttribute('data-unanswered').replace('{numbers}', numbers);
    alert.hidden = false;
    alert.focus();
  });
})();

// A timed attempt's clock: the time left, counted from what the server reckoned when it sent the
// page (the reader's own clock may be wrong), said aloud at five minutes and at one, and at zero
// the answers are sent as they are, inside the server's grace for the network.
(function () {
  const clock = document.querySelector('.quiz-clock[data-seconds-left]');
  const form = document.querySelector('form.quiz');
  if (!clock || !form) return;
  const shown = clock.querySelector('.countdown');
  const spoken = clock.querySelector('[aria-live]');
  const secondsAtLoad = Number(clock.getAttribute('data-seconds-left'));
  const endsAt = performance.now() + secondsAtLoad * 1000;
  const said = new Set();

  function say(key, secondsLeft) {
    if (said.has(key)) return;
    said.add(key);
    // Only a warning crossed just now is said: a page opened with three minutes left stays quiet.
    if (secondsLeft > 0) spoken.textContent = clock.getAttribute(key);
  }

  function tick() {
    const left = Math.max(0, Math.ceil((endsAt - performance.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, '0');
    shown.textContent = clock.getAttribute('data-time-left').replace('{time}', `${minutes}:${seconds}`);
    shown.hidden = false;
    if (left <= 300 && left > 290) say('data-five-minutes', left);
    if (left <= 60 && left > 50) say('data-one-minute', left);
    if (left > 0) return;
    clearInterval(timer);
    clock.classList.add('time-up');
    shown.textContent = clock.getAttribute('data-time-up');
    spoken.textContent = shown.textContent;
    // A page opened after the end is not sent again: the server has kept or refused it already.
    // submit() skips the unanswered-questions warning, which would hold the answers back.
    if (secondsAtLoad > 0) HTMLFormElement.prototype.submit.call(form);
  }

  const timer = setInterval(tick, 1000);
  tick();
})();
