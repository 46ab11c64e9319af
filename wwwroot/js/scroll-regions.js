// A table or chart wider than the screen scrolls in its own box (site.css). A keyboard user must be able to reach
// that box to scroll it (WCAG 2.1.1; axe "scrollable-region-focusable"): give it a tab stop and a name while, and
// only while, it overflows.
(function () {
  var selector = 'table.data, .chart-table, .table-scroll';
  function mark() {
    // Not what a closed <details> hides (a chart's table view): it cannot be reached or scrolled until opened (the toggle
    // below marks it then), and measuring it makes the browser lay out each hidden box on its own. Every width is read
    // before anything is written: a write between two reads lays the page out again. Both cost a dashboard 130-180 ms
    // of the browser's time (issue #17).
    var boxes = Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      return !(el.parentElement && el.parentElement.closest('details:not([open])'));
    });
    var overflows = boxes.map(function (el) { return el.scrollWidth > el.clientWidth + 1; });
    boxes.forEach(function (el, i) {
      if (overflows[i]) {
        if (el.hasAttribute('data-scrolls')) return;
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
