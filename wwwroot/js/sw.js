// The Portal's service worker (issue #18 item 15). It keeps the shell (the offline page and the few files the layout
// loads first) so the installed app opens without a connection and says so. Owners' pages are never cached: they are
// personal, and the site sends them "no-store".
const SHELL = 'op-shell-v1';
const FILES = ['/offline', '/assets/site.css', '/assets/logo.svg', '/assets/icons/favicon.svg', '/assets/js/app-shell.js', '/assets/js/case-draft.js'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== SHELL).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  // A page (also a form posted as a page): the network, or the offline page when there is none. A posted case form
  // keeps its text on the device (case-draft.js), so nothing typed is lost.
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/offline')));
    return;
  }
  // Shell files: fresh from the network when there is one (so a new stylesheet shows at once), else the kept copy.
  const url = new URL(request.url);
  if (request.method === 'GET' && url.origin === self.location.origin && FILES.includes(url.pathname)) {
    event.respondWith(fetch(request)
      .then(response => {
        if (response.ok) { const copy = response.clone(); caches.open(SHELL).then(cache => cache.put(url.pathname, copy)); }
        return response;
      })
      .catch(() => caches.match(url.pathname)));
  }
});
