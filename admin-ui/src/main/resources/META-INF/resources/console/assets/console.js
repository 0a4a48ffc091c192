/*
 * Buzón console: live password-policy feedback. Progressive enhancement only: every form works without
 * this file; the server checks the same policy again on submit.
 */
(function () {
  'use strict';

  function feedbackFor(input) {
    var form = input.form;
    var box = input.closest('label').parentNode.querySelector('.policy-feedback') || form.querySelector('.policy-feedback');
    if (!box) {
      box = document.createElement('div');
      box.className = 'policy-feedback';
      box.setAttribute('aria-live', 'polite');
      input.parentNode.insertAdjacentElement('afterend', box);
    }
    return box;
  }

  function render(box, result) {
    box.textContent = '';
    var meter = document.createElement('div');
    meter.className = 'small muted';
    meter.textContent = (box.dataset.strengthLabel || 'Strength') + ': ' + result.strength + ' / 4';
    box.appendChild(meter);
    var list = document.createElement('ul');
    list.className = result.ok ? 'reasons ok' : 'reasons';
    var items = result.ok ? [box.dataset.okLabel || '✓'] : result.reasons;
    items.forEach(function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function check(input) {
    var form = input.form;
    var csrf = form.querySelector('input[name="_csrf"]');
    var body = new URLSearchParams();
    body.set('password', input.value);
    var login = form.querySelector('[data-policy-login]');
    if (login) { body.set('login', login.value); }
    if (input.dataset.accountId) { body.set('accountId', input.dataset.accountId); }
    fetch(input.dataset.policyCheck, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf ? csrf.value : '', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString()
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result) { render(feedbackFor(input), result); } })
      .catch(function () { /* the server checks again on submit */ });
  }

  document.querySelectorAll('input[data-policy-check]').forEach(function (input) {
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { check(input); }, 250);
    });
  });
}());
