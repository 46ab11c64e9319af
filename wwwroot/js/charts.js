// Charts: draws each figure the server prepared (data-figure: Plotly's data, layout and config, and the address each
// bar or point opens) when it comes near the viewport, so a dashboard's first screen does not wait for the charts below
// it. No circuit, no round trip: everything a chart needs is in the page. Loaded (deferred) only on pages with a chart.
(() => {
  const draw = element => {
    const figure = JSON.parse(element.dataset.figure);
    Plotly.newPlot(element, figure.data, figure.layout, figure.config).then(() => {
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
