// The dashboard's only script (the Content-Security-Policy allows no inline script). Forms and buttons marked
// data-api call the admin API directly with the session's CSRF token: the dashboard has no write path of its own.
'use strict';
(function () {
  function csrf() {
    return document.querySelector('meta[name="csrf-token"]').content;
  }

  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  async function call(method, url, body) {
    const init = { method: method, headers: { 'X-CSRF-Token': csrf() }, credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let json = null;
    try {
      json = JSON.parse(await response.text());
    } catch (ignored) {
      json = null;
    }
    return { ok: response.ok, status: response.status, json: json };
  }

  function fieldsOf(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button' || el.value === '') {
        continue;
      }
      const kind = el.dataset.kind;
      if (kind === 'json') {
        body[el.name] = JSON.parse(el.value);
      } else if (kind === 'list') {
        body[el.name] = el.value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
      } else if (el.type === 'checkbox') {
        body[el.name] = el.checked;
      } else {
        body[el.name] = el.value;
      }
    }
    return body;
  }

  function say(output, ok, text) {
    output.className = 'result ' + (ok ? 'ok' : 'error');
    output.textContent = text;
  }

  function report(source, output, result) {
    if (!result.ok) {
      const message = result.json && result.json.error ? result.json.error.message : '';
      say(output, false, 'Refused (HTTP ' + result.status + '): ' + message);
      return;
    }
    if (source.hasAttribute('data-secret') && result.json && result.json.key) {
      say(output, true, 'Copy this secret now; it is not shown again: ');
      const secret = document.createElement('code');
      secret.className = 'secret';
      secret.textContent = result.json.key;
      output.appendChild(secret);
    } else if (source.dataset.show === 'json') {
      say(output, true, '');
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(result.json, null, 2);
      output.appendChild(pre);
    } else {
      say(output, true, 'Done.');
    }
    const region = source.dataset.refresh;
    if (region && document.querySelector(region)) {
      htmx.ajax('GET', location.href, { target: region, select: region, swap: 'outerHTML' });
    }
  }

  document.addEventListener('submit', async function (e) {
    const form = e.target.closest('form[data-api]');
    if (!form) {
      return;
    }
    e.preventDefault();
    const output = form.querySelector('output:last-of-type');
    let body;
    try {
      body = fieldsOf(form);
    } catch (err) {
      say(output, false, 'Not JSON: ' + err.message);
      return;
    }
    report(form, output, await call(form.dataset.method || 'POST', form.getAttribute('action'), body));
  });

  document.addEventListener('click', async function (e) {
    const button = e.target.closest('button[data-api]');
    if (!button) {
      return;
    }
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      return;
    }
    const method = button.dataset.method || 'POST';
    const body = button.dataset.body ? JSON.parse(button.dataset.body) : (method === 'GET' ? undefined : {});
    report(button, document.getElementById(button.dataset.output), await call(method, button.dataset.api, body));
  });

  function watch(editor) {
    let timer = null;
    editor.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { validate(editor); }, 300);
    });
  }

  async function validate(editor) {
    const output = document.getElementById(editor.dataset.output);
    let config;
    try {
      config = JSON.parse(editor.value);
    } catch (err) {
      editor.setAttribute('aria-invalid', 'true');
      say(output, false, 'Not JSON: ' + err.message);
      return;
    }
    const result = await call('POST', editor.dataset.validate, { config: config });
    if (!result.ok) {
      say(output, false, 'Refused (HTTP ' + result.status + '): ' + (result.json && result.json.error
        ? result.json.error.message : ''));
    } else if (result.json.valid) {
      editor.removeAttribute('aria-invalid');
      say(output, true, 'Valid config.');
    } else {
      editor.setAttribute('aria-invalid', 'true');
      say(output, false, (result.json.path ? 'At ' + result.json.path + ': ' : '') + result.json.error);
    }
  }

  function draw(root) {
    for (const canvas of root.querySelectorAll('canvas[data-chart]')) {
      if (canvas.dataset.drawn) {
        continue;
      }
      canvas.dataset.drawn = 'yes';
      const config = JSON.parse(canvas.dataset.chart);
      config.options = { animation: false, maintainAspectRatio: false, scales: { x: { ticks: { maxTicksLimit: 8 } } } };
      new Chart(canvas, config);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('textarea[data-validate]').forEach(watch);
    draw(document);
  });
})();
