// Live preview for the notice editor: the server renders the Markdown with the same code that publishes it,
// so the preview is exactly what owners will see.
(function () {
    const textarea = document.querySelector('textarea[data-preview]');
    if (!textarea) return;
    const preview = document.getElementById(textarea.dataset.preview);
    const form = textarea.form;
    document.querySelectorAll('.no-js-only').forEach(el => el.hidden = true);
    let timer = null;
    let sent = 0;
    async function refresh() {
        const ticket = ++sent;
        const data = new FormData(form);
        const url = new URL(form.action, location.href);
        url.searchParams.set('handler', 'Preview');
        try {
            const response = await fetch(url, { method: 'POST', body: data, credentials: 'same-origin' });
            if (response.ok && ticket === sent) {
                preview.innerHTML = await response.text();
                preview.dataset.rendered = String(ticket);
            }
        } catch { /* offline for a moment: the next keystroke tries again */ }
    }
    textarea.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, 250);
    });
})();
