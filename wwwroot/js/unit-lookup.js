// Unit lookup as you type on the Admin intake form: <input data-unit-lookup="URL?handler=Units" list="..." data-reporter="select id">.
// Fills the input's datalist with matching units (and their people's names); once the typed number is one of
// them, the reporter select offers that unit's people. Without script the typed number alone still works.
(function () {
  document.querySelectorAll('input[data-unit-lookup]').forEach(function (input) {
    const list = document.getElementById(input.getAttribute('list'));
    const reporter = document.getElementById(input.dataset.reporter);
    const keep = reporter ? reporter.options[0].cloneNode(true) : null;
    let units = [];
    let timer = null;
    let asked = '';

    function offerPeople() {
      if (!reporter) return;
      const unit = units.find(function (u) { return u.number === input.value.trim(); });
      const chosen = reporter.value;
      const ids = unit ? unit.people.map(function (p) { return String(p.id); }) : [];
      if (!unit && reporter.options.length > 1 && !asked) return; // server-rendered people of the typed unit
      reporter.replaceChildren(keep.cloneNode(true));
      (unit ? unit.people : []).forEach(function (p) {
        const option = document.createElement('option');
        option.value = p.id;
        option.textContent = p.name + ' (' + p.phone + ')';
        reporter.appendChild(option);
      });
      reporter.value = ids.indexOf(chosen) >= 0 ? chosen : '';
    }

    function lookup() {
      const q = input.value.trim();
      if (q === '' || q === asked) { offerPeople(); return; }
      asked = q;
      const url = input.dataset.unitLookup + (input.dataset.unitLookup.indexOf('?') >= 0 ? '&' : '?') + 'q=' + encodeURIComponent(q);
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) {
          if (input.value.trim() !== q) return;
          units = found;
          list.replaceChildren();
          found.forEach(function (u) {
            const option = document.createElement('option');
            option.value = u.number;
            option.label = u.people.map(function (p) { return p.name; }).join('、');
            list.appendChild(option);
          });
          input.dataset.matches = String(found.length);
          offerPeople();
        })
        .catch(function () { /* the typed number still works */ });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 200);
    });
    input.addEventListener('change', lookup);
  });
})();
