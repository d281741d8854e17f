// Live preview for the module editor: the page works without this; with it, the preview and the
// checker's messages follow the text as it is typed.
(function () {
  const editor = document.querySelector('.editor');
  const textarea = document.getElementById('module-markdown');
  if (!editor || !textarea) return;
  const url = editor.getAttribute('data-preview-url');
  const token = editor.querySelector('input[name="_csrf"]').value;
  const preview = document.getElementById('preview-body');
  const problems = editor.querySelector('.problems');
  let timer;

  function render(result) {
    preview.innerHTML = result.html;
    const list = document.createElement('ul');
    for (const p of result.problems) {
      const item = document.createElement('li');
      item.className = 'severity-' + p.severity;
      // In the page's language, as the server writes the list: "Line 12 — Error: …".
      const severity = editor.getAttribute('data-' + p.severity) || p.severity;
      const line = (editor.getAttribute('data-line') || '#').replace('#', p.line);
      item.textContent = line + ' — ' + severity + ': ' + p.message;
      list.appendChild(item);
    }
    const old = problems.querySelector('ol, ul, p');
    if (old) old.replaceWith(list);
    else problems.appendChild(list);
  }

  // The front matter and the quiz are rendered by the server, as a trainee would see them: take
  // them from the page the Preview button would show.
  async function refreshServerParts() {
    const form = textarea.form;
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'preview');
    // Not form.action: the form's buttons are named "action", which shadows the property.
    const response = await fetch(form.getAttribute('action'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
    });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const id of ['preview-front-matter', 'preview-quiz']) {
      const fresh = page.getElementById(id);
      const old = document.getElementById(id);
      if (fresh && old) old.replaceWith(fresh);
    }
  }

  textarea.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, accept: 'application/json' },
        body: JSON.stringify({ markdown: textarea.value }),
        credentials: 'same-origin',
      });
      if (response.ok) render(await response.json());
      refreshServerParts();
    }, 400);
  });
})();
