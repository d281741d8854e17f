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
