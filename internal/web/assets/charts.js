// sitroom charts (uPlot): events per day stacked by type, and displacement
// per township over time. Each chart's data sits in the page as JSON next to
// it; the tables and counts around it carry the same numbers without
// JavaScript.
(function () {
  'use strict';
  var TYPE = {battle: ['#d55e00', 'B'], explosion_remote_violence: ['#e69f00', 'E'], violence_against_civilians: ['#cc79a7', 'V'],
    protest: ['#0072b2', 'P'], riot: ['#009e73', 'R'], strategic_development: ['#56b4e9', 'S']};
  var LINES = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#8c6d31'];
  var DASH = [[], [6, 3], [2, 3], [8, 3, 2, 3], [], [6, 3], [2, 3], [8, 3, 2, 3]];

  function ready(fn) {
    if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn);
  }
  function width(el) { return Math.max(280, el.clientWidth || el.parentNode.clientWidth || 600); }

  function stacked(el, d) {
    // Stack by drawing running sums, the largest first so that each type's
    // band shows above the ones below it; the legend shows the raw counts.
    var n = d.series.length, sums = [], acc = d.days.map(function () { return 0; });
    d.series.forEach(function (s) {
      acc = acc.map(function (v, i) { return v + s.counts[i]; });
      sums.push(acc.slice());
    });
    var data = [d.days], series = [{}];
    for (var i = n - 1; i >= 0; i--) {
      (function (s, i) {
        data.push(sums[i]);
        series.push({label: TYPE[s.type][1] + ' ' + s.label, fill: TYPE[s.type][0], stroke: '#1b1f24', width: 0.5,
          paths: uPlot.paths.bars({size: [0.9, 40]}), points: {show: false},
          value: function (u, v, si, di) { return di == null ? '' : s.counts[di]; }});
      })(d.series[i], i);
    }
    return new uPlot({width: width(el), height: 220, series: series, scales: {x: {time: true}},
      axes: [{}, {label: '', size: 40}], legend: {live: true}}, data, el);
  }

  function steps(el, d) {
    var data = [d.days], series = [{}];
    d.series.forEach(function (s, i) {
      data.push(s.counts);
      series.push({label: s.label, stroke: LINES[i % LINES.length], dash: DASH[i % DASH.length], width: 2,
        paths: uPlot.paths.stepped({align: 1}), points: {show: false}});
    });
    return new uPlot({width: width(el), height: 260, series: series, scales: {x: {time: true}},
      axes: [{}, {size: 84, values: function (u, vals) { return vals.map(function (v) { return v.toLocaleString('en'); }); }}]}, data, el);
  }

  function init() {
    if (!window.uPlot) return;
    document.querySelectorAll('.chart').forEach(function (el) {
      if (el.getAttribute('data-drawn')) return;
      var script = el.parentNode.querySelector('script.chart-data');
      if (!script) return;
      var d = JSON.parse(script.textContent);
      if (!d.days || !d.days.length || !d.series || !d.series.length) return;
      var plot = el.getAttribute('data-kind') === 'bars' ? stacked(el, d) : steps(el, d);
      el.setAttribute('data-drawn', '1');
      window.addEventListener('resize', function () { plot.setSize({width: width(el), height: plot.height}); });
    });
  }

  ready(init);
  document.addEventListener('htmx:afterSettle', init);
})();
