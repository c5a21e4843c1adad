// Live figures while a test runs: the fleet's bandwidth second by second (uPlot), and each host's newest figure.
'use strict';
(() => {
  let chart = null;
  let data = [[], []];
  const mbit = (bps) => bps / 1e6;

  function begin(live) {
    $('live').hidden = false;
    $('live-test').textContent = live.test + ' on ' + live.hosts.length + ' hosts';
    $('live-now').textContent = '';
    $('live-hosts').tBodies[0].replaceChildren();
    data = [[], []];
    window.flotillaLive = { test: live.test, firstNonZero: null };
    if (chart) chart.destroy();
    chart = new uPlot({
      width: Math.min(1100, document.body.clientWidth - 40), height: 260,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      series: [{}, { label: 'fleet Mbit/s', stroke: '#0b5cad', width: 2, fill: 'rgba(11,92,173,0.1)' }],
      axes: [{}, { label: 'Mbit/s' }],
    }, data, $('live-chart'));
  }

  function figures(f) {
    if (!chart) return;
    data[0].push(f.t / 1000);
    data[1].push(mbit(f.bitsPerSecond));
    chart.setData(data);
    if (f.bitsPerSecond > 0 && window.flotillaLive.firstNonZero === null) window.flotillaLive.firstNonZero = f.t;
    $('live-now').textContent = mbit(f.bitsPerSecond).toFixed(1) + ' Mbit/s' + (f.cpuBusy == null ? '' : ', CPU ' + f.cpuBusy.toFixed(0) + ' % busy');
    const rows = $('live-hosts').tBodies[0];
    rows.replaceChildren(...f.hosts.map((h) => {
      const tr = document.createElement('tr');
      tr.dataset.host = h.id;
      cell(tr, h.id);
      cell(tr, mbit(h.bitsPerSecond).toFixed(1));
      cell(tr, h.cpuBusy < 0 ? '-' : h.cpuBusy.toFixed(0) + ' %');
      return tr;
    }));
  }

  document.addEventListener('flotilla:ready', (e) => {
    e.detail.events.addEventListener('live', (m) => begin(JSON.parse(m.data)));
    e.detail.events.addEventListener('figures', (m) => figures(JSON.parse(m.data)));
  });
})();
