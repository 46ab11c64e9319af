// Charts: draws each figure the server prepared (data-figure: Plotly's data, layout and config, and the address each
// bar or point opens) when it comes near the viewport, so a dashboard's first screen does not wait for the charts below
// it. No circuit, no round trip: everything a chart needs is in the page. Loaded (deferred) only on pages with a chart.
(() => {
  // Plotly's automatic margins (axis labels that need room) draw a chart twice: once to measure the labels, once with
  // the margins they need (half the drawing time in a profile, issue #17). The margins a figure ended with are kept,
  // per figure and width, and given on the next visit: the labels then fit at once and the chart is drawn once, the
  // same. Only a hash of the figure and four numbers are stored, nothing the figure says.
  const store = 'ownerportal.chart-margins';
  const saved = (() => { try { return JSON.parse(localStorage.getItem(store)) || {}; } catch { return {}; } })();
  const hash = text => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0).toString(36);
  };
  let pending = null;
  const remember = (key, size) => {
    if (Object.keys(saved).length > 500) for (const k of Object.keys(saved)) delete saved[k];
    saved[key] = [size.l, size.r, size.t, size.b];
    // One write after a batch of charts, not one per chart.
    clearTimeout(pending);
    pending = setTimeout(() => { try { localStorage.setItem(store, JSON.stringify(saved)); } catch { /* full or denied: draw twice next time */ } }, 500);
  };

  const draw = element => {
    const start = performance.now();
    const text = element.dataset.figure;
    const figure = JSON.parse(text);
    const key = hash(text) + '@' + element.clientWidth;
    const margins = saved[key];
    if (margins) {
      const [l, r, t, b] = margins;
      figure.layout.margin = { ...figure.layout.margin, l, r, t, b };
    }
    Plotly.newPlot(element, figure.data, figure.layout, figure.config).then(() => {
      // Read by bench/draw.sh (Ops draw): the time each chart took to draw.
      performance.measure('chart-draw', { start });
      if (element._fullLayout && element._fullLayout._size) remember(key, element._fullLayout._size);
      if (!figure.links) return;
      element.on('plotly_click', event => {
        const point = event.points[0];
        const link = point && figure.links[point.pointIndex ?? point.pointNumber];
        if (link) window.location.assign(link);
      });
    });
  };
  const charts = document.querySelectorAll('[data-figure]');
  if (!('IntersectionObserver' in window)) { charts.forEach(draw); return; }
  const observer = new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      draw(entry.target);
    }
  }, { rootMargin: '200px 0px' });
  charts.forEach(chart => observer.observe(chart));
})();
