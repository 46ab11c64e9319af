// Live countdown to a case's next due time: <span class="countdown" data-due="ISO-8601">.
// Worded by the browser in the page's language (Intl.RelativeTimeFormat), refreshed every 30 s.
(function () {
  const lang = document.documentElement.lang || 'zh-Hans';
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  function render(el) {
    const ms = new Date(el.dataset.due).getTime() - Date.now();
    const minutes = Math.round(ms / 60000);
    const abs = Math.abs(minutes);
    const [value, unit] = abs >= 2880 ? [Math.round(minutes / 1440), 'day']
      : abs >= 120 ? [Math.round(minutes / 60), 'hour'] : [minutes, 'minute'];
    el.textContent = '(' + rtf.format(value, unit) + ')';
    el.classList.toggle('overdue', ms < 0);
  }
  function tick() { document.querySelectorAll('.countdown[data-due]').forEach(render); }
  tick();
  setInterval(tick, 30000);
})();
