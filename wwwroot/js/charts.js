// Charts are drawn on the server (src/Admin/Pages/Shared/_Chart.cshtml): no script draws them. This file serves their
// PNG buttons. Plotly is loaded when a button is first pressed, never with the page (drawing a dashboard's charts with
// it took about a second of the browser's time, issue #17), and draws the figure the button carries (data-figure,
// prepared on the server by PlotlyFigure) into the PNG.
(() => {
  let plotly = null;
  const load = () => plotly ??= new Promise((resolve, reject) => {
    // The fingerprinted address of Plotly's script, written by the layout in a template so that it is not run.
    const src = document.getElementById('plotly-src').content.querySelector('script').getAttribute('src');
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => { plotly = null; reject(new Error('Plotly could not be loaded')); };
    document.head.append(script);
  });
  document.addEventListener('click', async event => {
    const button = event.target.closest('.chart-png');
    if (!button || button.disabled) return;
    button.disabled = true;
    try {
      const Plotly = await load();
      const figure = JSON.parse(button.dataset.figure);
      const width = 960, height = figure.layout.height || 400;
      await Plotly.downloadImage({ data: figure.data, layout: { ...figure.layout, width, height }, config: figure.config },
        { format: 'png', filename: button.dataset.file, width, height, scale: 2 });
    } finally {
      button.disabled = false;
    }
  });
})();
