// Live figures while a test runs (uPlot): the fleet's bandwidth, and Locust's requests/s, failures/s
// and median response time, second by second, each charted once the hosts' logs give it; each host's newest figures.
'use strict';
(() => {
  const charts = {};
  const mbit = (bps) => bps / 1e6;
  const fixed = (v, digits) => (v == null ? '-' : v.toFixed(digits));

  // What each chart draws from a figures event; a chart appears with its first figure.
  const kinds = {
    bandwidth: {
      given: (f) => f.bitsPerSecond != null,
      values: (f) => [mbit(f.bitsPerSecond)],
      series: [{ label: 'fleet Mbit/s', stroke: '#0b5cad', width: 2, fill: 'rgba(11,92,173,0.1)' }],
      axes: [{ label: 'Mbit/s' }],
      scales: {},
    },
    locust: {
      given: (f) => f.requestsPerSecond != null,
      values: (f) => [f.requestsPerSecond, f.failuresPerSecond, f.medianMs],
      series: [
        { label: 'requests/s', stroke: '#1a7f37', width: 2, fill: 'rgba(26,127,55,0.1)' },
        { label: 'failures/s', stroke: '#a40e26', width: 2 },
        { label: 'median ms', stroke: '#8a5a00', width: 1, dash: [4, 4], scale: 'ms' },
      ],
      axes: [{ label: 'per second' }, { label: 'ms', scale: 'ms', side: 1, grid: { show: false } }],
      scales: { ms: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    },
  };

  function begin(live) {
    $('live').hidden = false;
    $('live-test').textContent = live.test + ' on ' + live.hosts.length + ' hosts';
    $('live-now').textContent = '';
    $('live-hosts').tBodies[0].replaceChildren();
    note(false, false);
    for (const name of Object.keys(kinds)) {
      if (charts[name]) charts[name].chart.destroy();
      delete charts[name];
      $('live-' + name).hidden = true;
    }
    window.flotillaLive = { test: live.test, firstNonZero: null, firstRequests: null, requests: [] };
  }

  function chart(name) {
    if (charts[name]) return charts[name];
    const k = kinds[name];
    const data = [[], ...k.series.map(() => [])];
    $('live-' + name).hidden = false;
    const chart = new uPlot({
      width: Math.min(1100, document.body.clientWidth - 40), height: 260,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] }, ...k.scales },
      series: [{}, ...k.series],
      axes: [{}, ...k.axes],
    }, data, $('live-' + name));
    charts[name] = { chart, data };
    if (name === 'locust') window.flotillaLive.requests = data[1];
    return charts[name];
  }

  // Plainly, where a chart would be empty: what gives live figures, and that siege does not.
  function note(anyChart, summaryOnly) {
    const p = $('live-note');
    p.hidden = anyChart && !summaryOnly;
    p.textContent = summaryOnly
      ? 'siege has no live figures: it writes only a summary when its run ends. Its figures appear in the report after fetch-logs and analyze.'
      : 'No live figures yet: they come from the iperf3/iperf2 intervals, dstat or sar samples and Locust stats histories '
        + 'the hosts write as the test runs. siege writes only an end-of-run summary: its figures appear in the report after analyze.';
  }

  function figures(f) {
    if (!window.flotillaLive) return;
    for (const [name, k] of Object.entries(kinds)) {
      if (!k.given(f)) continue;
      const c = chart(name);
      c.data[0].push(f.t / 1000);
      k.values(f).forEach((v, i) => c.data[i + 1].push(v));
      c.chart.setData(c.data);
    }
    note(Object.keys(charts).length > 0, f.summaryOnly);
    if (f.bitsPerSecond > 0 && window.flotillaLive.firstNonZero === null) window.flotillaLive.firstNonZero = f.t;
    if (f.requestsPerSecond > 0 && window.flotillaLive.firstRequests === null) window.flotillaLive.firstRequests = f.t;
    const now = [];
    if (f.bitsPerSecond != null) now.push(mbit(f.bitsPerSecond).toFixed(1) + ' Mbit/s');
    if (f.requestsPerSecond != null) {
      now.push(f.requestsPerSecond.toFixed(1) + ' requests/s', f.failuresPerSecond.toFixed(1) + ' failures/s');
      if (f.medianMs != null) now.push('median ' + f.medianMs.toFixed(0) + ' ms');
    }
    if (f.cpuBusy != null) now.push('CPU ' + f.cpuBusy.toFixed(0) + ' % busy');
    $('live-now').textContent = now.join(', ');
    const rows = $('live-hosts').tBodies[0];
    rows.replaceChildren(...f.hosts.map((h) => {
      const tr = document.createElement('tr');
      tr.dataset.host = h.id;
      cell(tr, h.id);
      cell(tr, h.bitsPerSecond == null ? '-' : mbit(h.bitsPerSecond).toFixed(1));
      cell(tr, fixed(h.requestsPerSecond, 1));
      cell(tr, h.cpuBusy == null ? '-' : h.cpuBusy.toFixed(0) + ' %');
      return tr;
    }));
  }

  document.addEventListener('flotilla:ready', (e) => {
    e.detail.events.addEventListener('live', (m) => begin(JSON.parse(m.data)));
    e.detail.events.addEventListener('figures', (m) => figures(JSON.parse(m.data)));
  });
})();
