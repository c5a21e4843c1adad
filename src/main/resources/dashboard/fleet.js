// The Fleet view: every host's row, kept current by the daemon's server-sent events (no reload, no polling).
'use strict';
const STATES = ['REQUESTED', 'BOOTING', 'REACHABLE', 'CONFIGURING', 'READY', 'FAILED', 'INTERRUPTED', 'TERMINATED'];
const SETTLED = new Set(['READY', 'FAILED', 'INTERRUPTED', 'TERMINATED']);
const hosts = new Map();      // id -> {row, tr}
const roles = new Set();
let total = 0;
let clockSkew = 0;            // the browser's clock minus the daemon's

function update(row) {
  let h = hosts.get(row.id);
  if (!h) {
    const tr = document.createElement('tr');
    tr.dataset.id = row.id;
    for (const c of ['id', 'role', 'address', 'state', 'age', 'error']) cell(tr, '', c);
    tr.addEventListener('click', () => { if (tr.dataset.state === 'FAILED') showLog(row.id); });
    $('hosts').tBodies[0].appendChild(tr);
    h = { tr };
    hosts.set(row.id, h);
    if (!roles.has(row.role)) {
      roles.add(row.role);
      $('filter-role').add(new Option(row.role, row.role));
    }
  }
  h.row = row;
  const c = h.tr.cells;
  h.tr.dataset.state = row.state;
  h.tr.dataset.role = row.role;
  c[0].textContent = row.id;
  c[1].textContent = row.role;
  c[2].textContent = row.address;
  c[3].textContent = row.state;
  c[5].textContent = row.error || '';
  age(h);
  filter(h);
}

function age(h) {
  const s = Math.max(0, Math.round((Date.now() - clockSkew - h.row.since) / 1000));
  h.tr.cells[4].textContent = s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min';
}

function filter(h) {
  const role = $('filter-role').value, state = $('filter-state').value;
  h.tr.hidden = (role && h.row.role !== role) || (state && h.row.state !== state);
}

function summarize() {
  const counts = {};
  let settled = 0, shown = 0;
  for (const h of hosts.values()) {
    counts[h.row.state] = (counts[h.row.state] || 0) + 1;
    if (SETTLED.has(h.row.state)) settled++;
    if (!h.tr.hidden) shown++;
  }
  const n = Math.max(total, hosts.size);
  $('progress').max = n || 1;
  $('progress').value = settled;
  $('progress-text').textContent = settled + ' of ' + n + ' hosts settled';
  const ul = $('counts');
  ul.replaceChildren(...STATES.filter((s) => counts[s]).map((s) => {
    const li = document.createElement('li');
    li.id = 'count-' + s;
    li.dataset.state = s;
    li.append(s + ' ', Object.assign(document.createElement('b'), { textContent: counts[s] }));
    return li;
  }));
  $('shown').textContent = shown === hosts.size ? '' : shown + ' of ' + hosts.size + ' shown';
}

async function showLog(id) {
  const answer = await fetch(at('/api/hosts/' + encodeURIComponent(id) + '/log'));
  $('log-host').textContent = id;
  $('log').textContent = await answer.text();
  $('log-panel').hidden = false;
  $('log-panel').scrollIntoView();
}

async function start() {
  const session = await (await fetch(at('/api/session'))).json();
  total = session.total;
  $('run').textContent = 'run ' + session.run;
  for (const s of STATES) $('filter-state').add(new Option(s, s));
  for (const f of ['filter-role', 'filter-state']) $(f).addEventListener('change', () => { hosts.forEach(filter); summarize(); });
  $('log-close').addEventListener('click', () => { $('log-panel').hidden = true; });
  const events = new EventSource(at('/events'));
  events.addEventListener('open', () => { $('link').textContent = 'live'; $('link').classList.add('live'); });
  events.addEventListener('error', () => { $('link').textContent = 'reconnecting…'; $('link').classList.remove('live'); });
  events.addEventListener('hosts', (e) => {
    const msg = JSON.parse(e.data);
    clockSkew = Date.now() - msg.now;
    for (const row of msg.hosts) update(row);
    summarize();
  });
  setInterval(() => hosts.forEach(age), 1000);
  // the other views share the session (its CSRF token) and the one event stream
  document.dispatchEvent(new CustomEvent('flotilla:ready', { detail: { session, events } }));
}

start();
