// Installs the Portal's service worker, and forgets a case draft once it is filed or its owner signs out.
(() => {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => { /* the site works without it */ });
  const forget = key => { try { localStorage.removeItem('op.case-draft.' + key); } catch { /* storage off */ } };
  const filed = document.querySelector('[data-case-filed]');
  if (filed) forget(filed.dataset.caseFiled);
  for (const form of document.querySelectorAll('form[data-forgets-draft]'))
    form.addEventListener('submit', () => forget(form.dataset.forgetsDraft));
})();
