// Keeps what the owner types in a new case on this device until the case is filed (issue #18 item 15): a dropped
// connection, a closed tab or a flat battery loses nothing. The kept draft carries the form's idempotency key and
// photo staging token, so sending it again after a connection dropped mid-submit files the case once.
(() => {
  const form = document.querySelector('form[data-draft-key]');
  if (!form) return;
  const key = 'op.case-draft.' + form.dataset.draftKey;
  const names = ['Input.Type', 'Input.Category', 'Input.Location', 'Input.PublicAreaId', 'Input.Description',
    'Input.PreferredContactTime', 'Input.IsUrgent', 'Input.IdempotencyKey', 'Input.StagingToken'];
  const week = 7 * 24 * 3600 * 1000;

  const controls = name => [...form.querySelectorAll(`[name="${name}"]`)];
  const read = name => {
    const all = controls(name);
    const choice = all.find(c => c.type === 'radio' || c.type === 'checkbox');
    if (choice?.type === 'radio') return all.find(c => c.checked)?.value ?? '';
    if (choice) return choice.checked;
    return all[0]?.value ?? '';
  };
  const write = (name, value) => {
    for (const c of controls(name)) {
      if (c.type === 'radio') c.checked = c.value === value;
      else if (c.type === 'checkbox') c.checked = value === true;
      else if (c.type !== 'hidden' || typeof value === 'string') c.value = value;
    }
  };
  const load = () => {
    try {
      const draft = JSON.parse(localStorage.getItem(key));
      return draft && Date.now() - Date.parse(draft.savedAt) < week ? draft : null;
    } catch { return null; }
  };
  const save = () => {
    const draft = { savedAt: new Date().toISOString() };
    for (const name of names) draft[name] = read(name);
    try { localStorage.setItem(key, JSON.stringify(draft)); } catch { /* storage full or off: the form still works */ }
  };

  // A form the site drew afresh takes the kept draft; one it drew again after a post already holds what was sent.
  const draft = form.dataset.draftFresh === 'true' ? load() : null;
  const restored = document.querySelector('[data-testid="draft-restored"]');
  if (draft && (draft['Input.Description'] || '').trim()) {
    for (const name of names) if (name in draft) write(name, draft[name]);
    form.querySelector('[name="Input.Location"]:checked')?.dispatchEvent(new Event('change', { bubbles: true }));
    if (restored) restored.hidden = false;
  }
  document.querySelector('[data-testid="draft-discard"]')?.addEventListener('click', () => {
    try { localStorage.removeItem(key); } catch { /* storage off */ }
    location.replace(location.pathname);
  });

  form.addEventListener('input', save);
  form.addEventListener('change', save);
  const offline = document.querySelector('[data-testid="draft-offline"]');
  form.addEventListener('submit', event => {
    save();
    if (navigator.onLine === false) {
      event.preventDefault();
      if (offline) { offline.hidden = false; offline.focus(); }
    }
  });
  window.addEventListener('online', () => { if (offline) offline.hidden = true; });
})();
