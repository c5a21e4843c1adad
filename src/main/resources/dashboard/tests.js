// The Tests view: the run's tests and fired windows, and the buttons that act on the run (each a
// POST with the session's CSRF token; its progress comes back on the event stream).
'use strict';
(() => {
  let session;

  function show(view) {
    for (const v of ['fleet', 'tests']) {
      $(v + '-view').hidden = v !== view;
      $('tab-' + v).classList.toggle('current', v === view);
    }
    refresh();
  }

  function time(iso) {
    return iso ? new Date(iso).toISOString().substring(11, 23) : '-';
  }

  // Each host's clock offset from the daemon's when the window fired; over 8 hosts, their range.
  function offsets(byHost) {
    const ms = v => (v >= 0 ? '+' : '') + v.toFixed(1);
    const hosts = Object.keys(byHost || {});
    if (hosts.length === 0) return '-';
    if (hosts.length <= 8) return hosts.map(h => h + ' ' + ms(byHost[h]) + ' ms').join(', ');
    const all = hosts.map(h => byHost[h]);
    return ms(Math.min(...all)) + ' … ' + ms(Math.max(...all)) + ' ms over ' + hosts.length + ' hosts';
  }

  async function refresh() {
    const doc = await (await fetch(at('/api/tests'))).json();
    const tests = $('tests').tBodies[0];
    tests.replaceChildren();
    for (const t of doc.tests) {
      const tr = document.createElement('tr');
      tr.dataset.test = t.name;
      cell(tr, t.name);
      cell(tr, t.roles.join(', '));
      cell(tr, t.start);
      const patterns = cell(tr, '');
      const select = document.createElement('select');
      select.className = 'pattern';
      select.add(new Option(t.patterns.length ? 'all' : '-', ''));
      for (const p of t.patterns) select.add(new Option(p, p));
      patterns.appendChild(select);
      cell(tr, (t.duration / 1000) + ' s');
      const run = document.createElement('button');
      run.type = 'button';
      run.className = 'run';
      run.textContent = 'run';
      run.addEventListener('click', () => act('run', { test: t.name, pattern: select.value }));
      cell(tr, '').appendChild(run);
      tests.appendChild(tr);
    }
    const windows = $('windows').tBodies[0];
    windows.replaceChildren();
    for (const w of doc.windows) {
      const tr = document.createElement('tr');
      tr.dataset.test = w.test;
      for (const v of [w.test, w.pattern || '-', w.hosts, w.started, w.ok, w.failed, w.spreadMs.toFixed(1) + ' ms', offsets(w.clockOffsetsMs), time(w.firstStart), time(w.lastEnd)]) cell(tr, v);
      windows.appendChild(tr);
    }
    running(doc.running);
    $('report-link').hidden = !doc.report;   // `analyze` has written runs/ID/report/
  }

  function running(what) {
    $('running').textContent = what ? what + ' in progress…' : '';
    for (const b of document.querySelectorAll('#tests-view button')) b.disabled = !!what;
  }

  function say(line) {
    const a = $('activity');
    a.textContent += line + '\n';
    a.scrollTop = a.scrollHeight;
  }

  async function act(action, body) {
    const answer = await fetch(at('/api/' + action), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
      body: JSON.stringify(body || {}),
    });
    const doc = await answer.json();
    if (answer.ok) running(doc.started);
    else say(action + ' refused: ' + doc.error);
  }

  document.addEventListener('flotilla:ready', (e) => {
    session = e.detail.session;
    e.detail.events.addEventListener('say', (m) => say(JSON.parse(m.data).line));
    e.detail.events.addEventListener('done', () => refresh());
    $('push').addEventListener('click', () => act('push'));
    $('fetch-logs').addEventListener('click', () => act('fetch-logs'));
    $('down').addEventListener('click', () => {
      if (confirm('Terminate every host of run ' + session.run + '?')) act('down', { confirm: session.run });
    });
    window.addEventListener('hashchange', () => show(location.hash === '#tests' ? 'tests' : 'fleet'));
    show(location.hash === '#tests' ? 'tests' : 'fleet');
  });
})();
