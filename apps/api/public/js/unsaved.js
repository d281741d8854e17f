// Warns before leaving a page whose form was changed and not submitted. Without JavaScript the
// page works the same, only without the warning.
(function () {
  const forms = document.querySelectorAll('form[data-warn-unsaved]');
  if (!forms.length) return;
  // A builder's draft in the address is unsaved from the start.
  let dirty = document.querySelector('form[data-warn-unsaved][data-draft]') !== null;
  forms.forEach(function (form) {
    form.addEventListener('input', function () {
      dirty = true;
    });
    form.addEventListener('change', function () {
      dirty = true;
    });
    form.addEventListener('submit', function () {
      dirty = false;
    });
  });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  });
})();
