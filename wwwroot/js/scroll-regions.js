// A table or chart wider than the screen scrolls in its own box (site.css). A keyboard user must be able to reach
// that box to scroll it (WCAG 2.1.1; axe "scrollable-region-focusable"): give it a tab stop and a name while, and
// only while, it overflows.
(function () {
  var selector = 'table.data, .chart-table, .table-scroll';
  function mark() {
    document.querySelectorAll(selector).forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.tabIndex = 0;
        if (!el.hasAttribute('aria-label') && !el.hasAttribute('aria-labelledby') && !el.querySelector('caption'))
          el.setAttribute('aria-label', document.documentElement.getAttribute('data-scroll-label') || 'table');
        el.setAttribute('data-scrolls', '');
      } else if (el.hasAttribute('data-scrolls')) {
        el.removeAttribute('tabindex');
        el.removeAttribute('data-scrolls');
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mark); else mark();
  window.addEventListener('resize', mark);
  document.addEventListener('toggle', mark, true); // a <details> table view opened
})();
