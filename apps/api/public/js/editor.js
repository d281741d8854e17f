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
      item.textContent = p.line + ':' + p.column + ' ' + p.severity + ' ' + p.message;
      list.appendChild(item);
    }
    const old = problems.querySelector('ol, ul, p');
    if (old) old.replaceWith(list);
    else problems.appendChild(list);
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
    }, 400);
  });
})();
