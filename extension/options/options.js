/* Notwork options page: rules, thresholds, sites, hosts, custom patterns, playground,
 * import/export/reset. The page edits a working copy (`draft`), validates it with the
 * wasm core and saves it (debounced) through NotworkSettings; open tabs pick the change
 * up from storage events. Nothing invalid is ever saved. */
(function () {
  'use strict';
  const { t, localize, engine, download, el } = NotworkPages;
  const S = NotworkSettings;
  const $ = (id) => document.getElementById(id);
  const SAVE_DELAY_MS = 350;
  const SLIDER_MAX = 3;
  const BADGE_LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation'];

  let eng = null;
  let cat = null;
  let draft = null;
  let savedCanon = '';
  let saveTimer = 0;
  let pgTimer = 0;
  const patternErrors = new Map(); // pattern id -> RE2's message

  // Stable JSON (sorted keys) to compare documents.
  const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : x));
  const round = (x, step = 0.01) => Math.round(x / step) * step;
  const fmt = (x) => (Math.round(x * 100) / 100).toString();

  function status(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.dataset.kind = kind || '';
  }

  // ------------------------------------------------------------ config views

  const catRule = (id) => cat.rules.find((r) => r.id === id);
  const ruleEntry = (id) => (draft.core.rules && draft.core.rules[id]) || {};
  const ruleWeight = (id) => (typeof ruleEntry(id).weight === 'number' ? ruleEntry(id).weight : catRule(id).weight);
  const ruleEnabled = (id) => ruleEntry(id).enabled !== false;
  const threshold = (l) => (draft.core.thresholds && typeof draft.core.thresholds[l] === 'number' ? draft.core.thresholds[l] : cat.thresholds[l]);

  /** The configuration the playground uses: the draft minus patterns RE2 rejects. */
  function playConfig() {
    const core = JSON.parse(JSON.stringify(draft.core));
    if (Array.isArray(core.patterns)) core.patterns = core.patterns.filter((p) => !patternErrors.has(p.id) && p.pattern);
    return core;
  }

  function setRule(id, patch) {
    const def = catRule(id);
    const cur = Object.assign({}, ruleEntry(id), patch);
    if (typeof cur.weight === 'number' && Math.abs(cur.weight - def.weight) < 1e-9) delete cur.weight;
    if (cur.enabled === true) delete cur.enabled;
    draft.core.rules = draft.core.rules || {};
    if (Object.keys(cur).length) draft.core.rules[id] = cur;
    else delete draft.core.rules[id];
    changed();
  }

  function setThreshold(label, value) {
    draft.core.thresholds = draft.core.thresholds || {};
    if (Math.abs(value - cat.thresholds[label]) < 1e-9) delete draft.core.thresholds[label];
    else draft.core.thresholds[label] = value;
    changed();
  }

  // ------------------------------------------------------------ saving

  function changed() {
    schedulePlayground();
    clearTimeout(saveTimer);
    if (patternErrors.size) {
      status(t('options_status_invalid'), 'error');
      return;
    }
    status(t('options_status_saving'), 'pending');
    saveTimer = setTimeout(save, SAVE_DELAY_MS);
  }

  async function save() {
    saveTimer = 0;
    const res = await S.save(draft, eng);
    if (res.ok) {
      savedCanon = canon(draft);
      status(t('options_status_saved'), 'ok');
      storeProblem(null);
    } else {
      status(t('options_status_not_saved', [res.errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')]), 'error');
      if (res.refused) storeProblem(res.problem);
    }
  }

  // ---- refused saves (issue 13): the stored document is unreadable or newer. The banner says
  // why and exports what is stored (S.exportJSON gives the raw items or the newer document).
  function storeProblem(problem) {
    let box = $('store-problem');
    if (!problem) { if (box) box.hidden = true; return; }
    if (!box) {
      box = el('div', { id: 'store-problem', class: 'store-problem', role: 'alert' });
      const anchor = $('status');
      (anchor && anchor.closest('header')) ? anchor.closest('header').after(box) : document.body.prepend(box);
    }
    const button = el('button', { type: 'button', id: 'store-problem-export', text: t('options_store_export') });
    button.addEventListener('click', async () => download('notwork-settings-stored.json', await S.exportJSON(), 'application/json'));
    box.replaceChildren(el('p', { text: t('options_store_blocked', [problem.message]) }), button);
    box.dataset.kind = problem.kind;
    box.hidden = false;
  }

  function onStoredChange(next) {
    storeProblem(null); // onChange only reports a readable document
    if (saveTimer || patternErrors.size) return; // the user's pending edit wins
    if (canon(next) === savedCanon) return;
    draft = next;
    savedCanon = canon(next);
    renderAll();
  }

  // ------------------------------------------------------------ rules

  function principleNumber(p) {
    return Number(String(p).replace(/\D/g, '')) || 99;
  }

  function renderRules() {
    const body = $('rules-body');
    const rules = [...cat.rules].sort((a, b) => principleNumber(a.principle) - principleNumber(b.principle) || a.id.localeCompare(b.id));
    const rows = [];
    let lastP = null;
    for (const r of rules) {
      if (r.principle !== lastP) {
        lastP = r.principle;
        rows.push(el('tr', { class: 'group', 'data-principle': r.principle }, el('th', { colspan: 3 }, el('span', { class: 'pid', text: r.principle }), ' ', t('principle_' + r.principle) || r.principle)));
      }
      const w = ruleWeight(r.id);
      const on = ruleEnabled(r.id);
      const check = el('input', { type: 'checkbox', role: 'switch', 'data-rule': r.id, 'aria-label': t('options_rule_toggle', [r.id]) });
      check.checked = on;
      check.addEventListener('change', () => { setRule(r.id, { enabled: check.checked }); tr.classList.toggle('off', !check.checked); });
      const slider = el('input', { type: 'range', min: 0, max: SLIDER_MAX, step: 0.05, 'data-rule-weight-slider': r.id, 'aria-label': t('options_rule_weight', [r.id]) });
      const number = el('input', { type: 'number', min: 0, max: S.WEIGHT_MAX, step: 0.05, 'data-rule-weight': r.id, 'aria-label': t('options_rule_weight', [r.id]) });
      slider.value = String(Math.min(w, SLIDER_MAX));
      number.value = fmt(w);
      const dflt = el('button', { type: 'button', class: 'link small', title: t('options_rule_default_title', [fmt(r.weight)]), text: t('options_rule_default', [fmt(r.weight)]) });
      const markChanged = () => tr.classList.toggle('changed', Math.abs(ruleWeight(r.id) - r.weight) > 1e-9);
      slider.addEventListener('input', () => { const v = round(Number(slider.value), 0.05); number.value = fmt(v); setRule(r.id, { weight: v }); markChanged(); });
      number.addEventListener('input', () => {
        const v = Number(number.value);
        const ok = number.value !== '' && isFinite(v) && v >= 0 && v <= S.WEIGHT_MAX;
        number.setAttribute('aria-invalid', String(!ok));
        if (!ok) return;
        slider.value = String(Math.min(v, SLIDER_MAX));
        setRule(r.id, { weight: v });
        markChanged();
      });
      dflt.addEventListener('click', () => { slider.value = String(Math.min(r.weight, SLIDER_MAX)); number.value = fmt(r.weight); number.removeAttribute('aria-invalid'); setRule(r.id, { weight: r.weight }); markChanged(); });
      const tr = el('tr', { 'data-rule-row': r.id, class: on ? '' : 'off' },
        el('td', { class: 'on' }, check),
        el('td', { class: 'what' },
          el('div', {}, el('code', { class: 'rid', text: r.id }), ' ', el('span', { class: 'lab lab-' + r.label, text: t('label_' + r.label) || r.label }), r.scope && r.scope !== 'post' ? el('span', { class: 'scope muted small', text: t('scope_' + r.scope) || r.scope }) : null),
          el('div', { class: 'desc', text: r.description || '' })),
        el('td', { class: 'weight' }, el('div', { class: 'wrow' }, slider, number), dflt));
      markChanged();
      rows.push(tr);
    }
    body.replaceChildren(...rows);
    filterRules();
  }

  function filterRules() {
    const q = $('rule-filter').value.trim().toLowerCase();
    const visible = new Set();
    for (const tr of $('rules-body').querySelectorAll('tr[data-rule-row]')) {
      const hit = !q || tr.textContent.toLowerCase().includes(q);
      tr.hidden = !hit;
      if (hit) visible.add(catRule(tr.dataset.ruleRow).principle);
    }
    for (const tr of $('rules-body').querySelectorAll('tr.group')) tr.hidden = !visible.has(tr.dataset.principle);
  }

  // ------------------------------------------------------------ thresholds

  function renderThresholds() {
    const labels = BADGE_LABELS.filter((l) => typeof cat.thresholds[l] === 'number');
    $('thresholds-body').replaceChildren(...labels.map((l) => {
      const v = threshold(l);
      const slider = el('input', { type: 'range', min: 0, max: 1, step: 0.01, 'data-threshold': l, 'aria-label': t('label_' + l) });
      slider.value = String(v);
      const out = el('output', { class: 'tval', text: fmt(v) });
      slider.addEventListener('input', () => { const x = round(Number(slider.value)); out.textContent = fmt(x); setThreshold(l, x); });
      return el('label', { class: 'trow' },
        el('span', { class: 'lab lab-' + l, text: t('label_' + l) }),
        el('span', { class: 'muted small', text: t('options_threshold_' + l) }),
        slider, out);
    }));
  }

  // ------------------------------------------------------------ actions per label (content/actions.js)

  const ACTION_LABELS = S.ACTION_LABELS || ['autofeed', 'pure_promo', 'genuine_share'];
  const ACTIONS = S.ACTIONS || ['badge', 'dim', 'collapse', 'hide'];

  /** A menu of actions; `inherit` adds "As everywhere" (no per-site override). */
  function actionSelect(value, inherit, attrs, onChange) {
    const options = (inherit ? [el('option', { value: '', text: t('options_action_inherit') })] : [])
      .concat(ACTIONS.map((a) => el('option', { value: a, text: t('options_action_' + a) })));
    const select = el('select', attrs, options);
    select.value = value || (inherit ? '' : 'badge');
    select.addEventListener('change', () => onChange(select.value));
    return select;
  }

  function renderActions() {
    const head = [el('span', {}), ...ACTION_LABELS.map((l) => el('span', { class: 'lab lab-' + l, text: t('label_' + l) }))];
    $('actions-body').replaceChildren(...head, el('span', { class: 'site-name', text: t('options_actions_everywhere') }),
      ...ACTION_LABELS.map((l) => actionSelect((draft.actions || {})[l], false, { 'data-action': l, 'aria-label': t('options_action_select', [t('label_' + l)]) }, (v) => {
        const all = Object.assign({}, draft.actions);
        if (v === 'badge') delete all[l]; else all[l] = v;
        if (Object.keys(all).length) draft.actions = all; else delete draft.actions;
        changed();
      })));
    const rows = [el('span', {}), ...ACTION_LABELS.map((l) => el('span', { class: 'lab lab-' + l, text: t('label_' + l) }))];
    for (const site of S.SITES) {
      rows.push(el('span', { class: 'site-name', text: t('site_' + site) }));
      for (const l of ACTION_LABELS) {
        const cur = draft.siteActions && draft.siteActions[site] && draft.siteActions[site][l];
        rows.push(actionSelect(cur, true, { 'data-site-action': `${site}:${l}`, 'aria-label': t('options_action_select_site', [t('label_' + l), t('site_' + site)]) }, (v) => {
          const all = Object.assign({}, draft.siteActions);
          const per = Object.assign({}, all[site]);
          if (v) per[l] = v; else delete per[l];
          if (Object.keys(per).length) all[site] = per; else delete all[site];
          if (Object.keys(all).length) draft.siteActions = all; else delete draft.siteActions;
          changed();
        }));
      }
    }
    $('site-actions-body').replaceChildren(...rows);
  }

  // ------------------------------------------------------------ sites, nudges, hosts

  function renderSites() {
    $('sites-body').replaceChildren(...S.SITES.map((s) => {
      const box = el('input', { type: 'checkbox', role: 'switch', 'data-site': s });
      box.checked = draft.sites[s] !== false;
      box.addEventListener('change', () => { draft.sites[s] = box.checked; changed(); });
      return el('label', { class: 'site' }, box, el('span', { text: t('site_' + s) }));
    }));
    const nudges = $('nudges-enabled');
    nudges.checked = draft.nudges.enabled !== false;
    const dismissed = draft.nudges.dismissedRules || [];
    $('dismissed-wrap').hidden = !dismissed.length;
    $('dismissed-list').replaceChildren(...dismissed.map((id) => {
      const b = el('button', { type: 'button', class: 'pill-x', 'aria-label': t('options_dismissed_restore', [id]), title: t('options_dismissed_restore', [id]), text: '×' });
      b.addEventListener('click', () => { draft.nudges.dismissedRules = dismissed.filter((x) => x !== id); renderSites(); changed(); });
      return el('li', { class: 'pill' }, el('code', { text: id }), b);
    }));
    renderHosts('mastodonInstances', $('instance-list'));
    renderHosts('blogs', $('blog-list'));
  }

  function renderHosts(key, list) {
    const hosts = draft[key] || [];
    if (!hosts.length) {
      list.replaceChildren(el('li', { class: 'muted small empty', text: t('options_hosts_empty') }));
      return;
    }
    list.replaceChildren(...hosts.map((h) => {
      const rm = el('button', { type: 'button', class: 'link small', text: t('options_remove'), 'aria-label': t('options_remove_host', [h]) });
      rm.addEventListener('click', async () => {
        draft[key] = (draft[key] || []).filter((x) => x !== h);
        renderHosts(key, list);
        changed();
        try { await chrome.permissions.remove({ origins: [`https://${h}/*`] }); } catch (_) { /* required by the manifest: stays */ }
      });
      return el('li', {}, el('span', { class: 'host', text: h }), rm);
    }));
  }

  function bindHostForm(form, input, error, key, list) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const host = S.normalizeHost(input.value);
      error.textContent = '';
      if (!host) { error.textContent = t('options_host_invalid', [input.value.trim()]); return; }
      if ((draft[key] || []).includes(host)) { error.textContent = t('options_host_exists', [host]); return; }
      // Asked right in the click's task: the browser needs the user gesture.
      chrome.permissions.request({ origins: [`https://${host}/*`] }).then((granted) => {
        if (!granted) { error.textContent = t('options_host_denied', [host]); return; }
        draft[key] = [...(draft[key] || []), host];
        input.value = '';
        renderHosts(key, list);
        changed();
      }, (err) => { error.textContent = String((err && err.message) || err); });
    });
  }

  // ------------------------------------------------------------ patterns

  function newPatternId() {
    const used = new Set((draft.core.patterns || []).map((p) => p.id));
    let i = used.size + 1;
    while (used.has('my-' + i)) i += 1;
    return 'my-' + i;
  }

  function checkPattern(p, input, msg) {
    const res = p.pattern ? eng.validatePattern(p.pattern) : { ok: false, error: t('options_pattern_empty') };
    if (res.ok) patternErrors.delete(p.id);
    else patternErrors.set(p.id, res.error);
    input.setAttribute('aria-invalid', String(!res.ok));
    msg.textContent = res.ok ? '' : res.error;
  }

  function renderPatterns() {
    const list = draft.core.patterns || [];
    patternErrors.clear();
    $('patterns-empty').hidden = list.length > 0;
    $('patterns-body').replaceChildren(...list.map((p) => {
      if (!p.id) p.id = newPatternId();
      const input = el('input', { type: 'text', class: 'pattern', spellcheck: 'false', 'data-pattern': p.id, 'aria-label': t('options_pattern_regex'), placeholder: '(?i)limited offer' });
      input.value = p.pattern || '';
      const msg = el('div', { class: 'field-error', role: 'alert', 'data-pattern-error': p.id });
      const label = el('select', { 'aria-label': t('options_pattern_label') }, BADGE_LABELS.map((l) => el('option', { value: l, text: t('label_' + l) })));
      label.value = p.label || 'pure_promo';
      const weight = el('input', { type: 'number', min: 0, max: S.WEIGHT_MAX, step: 0.1, class: 'pweight', 'aria-label': t('options_pattern_weight') });
      weight.value = String(typeof p.weight === 'number' ? p.weight : 1);
      const desc = el('input', { type: 'text', class: 'pdesc', 'aria-label': t('options_pattern_description'), placeholder: t('options_pattern_description') });
      desc.value = p.description || '';
      const rm = el('button', { type: 'button', class: 'link small', text: t('options_remove') });
      checkPattern(p, input, msg);
      input.addEventListener('input', () => { p.pattern = input.value; checkPattern(p, input, msg); changed(); });
      label.addEventListener('change', () => { p.label = label.value; changed(); });
      weight.addEventListener('input', () => {
        const v = Number(weight.value);
        const ok = weight.value !== '' && isFinite(v) && v >= 0 && v <= S.WEIGHT_MAX;
        weight.setAttribute('aria-invalid', String(!ok));
        if (ok) { p.weight = v; changed(); }
      });
      desc.addEventListener('input', () => { p.description = desc.value; changed(); });
      rm.addEventListener('click', () => { draft.core.patterns = (draft.core.patterns || []).filter((x) => x !== p); renderPatterns(); changed(); });
      return el('div', { class: 'prow', 'data-pattern-row': p.id },
        el('div', { class: 'pmain' }, input, msg),
        label, weight, desc, rm);
    }));
  }

  // ------------------------------------------------------------ playground

  function schedulePlayground() {
    clearTimeout(pgTimer);
    pgTimer = setTimeout(runPlayground, 120);
  }

  function runPlayground() {
    const text = $('pg-text').value;
    const scoresBox = $('pg-scores');
    const reasons = $('pg-reasons');
    const labelEl = $('pg-label');
    if (!text.trim()) {
      labelEl.textContent = '–';
      labelEl.className = '';
      labelEl.removeAttribute('data-label');
      scoresBox.replaceChildren();
      reasons.replaceChildren(el('li', { class: 'muted small', text: t('options_playground_empty') }));
      return;
    }
    const conf = eng.configure(playConfig());
    if (conf && conf.ok === false) {
      labelEl.textContent = '–';
      reasons.replaceChildren(...conf.errors.map((e) => el('li', { class: 'field-error', text: `${e.path}: ${e.message}` })));
      return;
    }
    eng.resetContext();
    const kind = $('pg-kind').value;
    const [res] = eng.scoreBatch([{ text, kind, author: 'playground', site: 'playground' }]);
    labelEl.textContent = t('label_' + res.label) || res.label;
    labelEl.className = 'lab lab-' + res.label;
    labelEl.setAttribute('data-label', res.label);
    scoresBox.replaceChildren(...BADGE_LABELS.map((l) => {
      const v = (res.scores && res.scores[l]) || 0;
      const th = threshold(l);
      return el('div', { class: 'srow' + (v >= th ? ' over' : '') },
        el('span', { class: 'sname', text: t('label_' + l) }),
        el('span', { class: 'sbar' }, el('i', { style: `width:${Math.round(v * 100)}%;background:var(--${l})` }), el('b', { class: 'th', style: `left:${Math.round(th * 100)}%`, title: t('options_threshold_marker', [fmt(th)]) })),
        el('span', { class: 'sval', 'data-score': l, text: v.toFixed(2) }));
    }));
    const rs = (res.reasons || []).map((r) =>
      el('li', { class: r.contribution < 0 ? 'neg' : '' },
        el('span', { class: 'pid', text: r.principle }), ' ',
        el('code', { class: 'rid', text: r.rule }), ' ',
        el('span', { class: 'contrib', text: (r.contribution >= 0 ? '+' : '−') + Math.abs(r.contribution).toFixed(2) + ' ' + (t('label_' + r.label) || r.label) }),
        el('div', { class: 'detail', text: r.detail || '' })));
    reasons.replaceChildren(...(rs.length ? rs : [el('li', { class: 'muted small', text: t('options_playground_no_reasons') })]));
  }

  // ------------------------------------------------------------ backup

  function showImportErrors(errors) {
    const box = $('import-errors');
    if (!errors || !errors.length) { box.replaceChildren(); return; }
    box.replaceChildren(
      el('strong', { text: t('options_import_failed', [String(errors.length)]) }),
      el('ul', {}, errors.map((e) => el('li', {}, e.path ? el('code', { text: e.path }) : null, e.path ? ' ' : null, e.message))));
  }

  async function reloadFromStorage(message) {
    draft = await S.load();
    savedCanon = canon(draft);
    renderAll();
    status(message, 'ok');
  }

  function bindBackup() {
    $('export').addEventListener('click', async () => download('notwork-settings.json', await S.exportJSON(), 'application/json'));
    $('import-file').addEventListener('change', async (e) => {
      const file = e.target.files && e.target.files[0];
      e.target.value = '';
      if (!file) return;
      clearTimeout(saveTimer);
      saveTimer = 0;
      const res = await S.importJSON(await file.text(), eng);
      if (!res.ok) {
        showImportErrors(res.errors);
        status(t('options_import_failed_status'), 'error');
        return;
      }
      showImportErrors(null);
      await reloadFromStorage(t('options_imported', [file.name]));
    });
    const dialog = $('reset-dialog');
    $('reset').addEventListener('click', () => dialog.showModal());
    dialog.addEventListener('close', async () => {
      if (dialog.returnValue !== 'reset') return;
      clearTimeout(saveTimer);
      saveTimer = 0;
      const res = await S.reset();
      if (!res.ok) return status(t('options_status_not_saved', [res.errors.map((e) => e.message).join('; ')]), 'error');
      showImportErrors(null);
      await reloadFromStorage(t('options_reset_done'));
    });
  }

  // ------------------------------------------------------------ start

  function renderAll() {
    renderRules();
    renderThresholds();
    renderActions();
    renderSites();
    renderPatterns();
    schedulePlayground();
  }

  async function start() {
    localize();
    try {
      eng = await engine();
      cat = eng.catalogue();
    } catch (e) {
      const box = $('engine-error');
      box.hidden = false;
      box.textContent = t('options_engine_failed', [String((e && e.message) || e)]);
      return;
    }
    draft = await S.load();
    savedCanon = canon(draft);
    if (S.loadProblem()) status(t('options_load_problem', [S.loadProblem()]), 'error');
    if (S.problem && S.problem()) storeProblem(S.problem());
    renderAll();
    $('rule-filter').addEventListener('input', filterRules);
    $('nudges-enabled').addEventListener('change', (e) => { draft.nudges.enabled = e.target.checked; changed(); });
    bindHostForm($('instance-form'), $('instance-input'), $('instance-error'), 'mastodonInstances', $('instance-list'));
    bindHostForm($('blog-form'), $('blog-input'), $('blog-error'), 'blogs', $('blog-list'));
    $('add-pattern').addEventListener('click', () => {
      draft.core.patterns = [...(draft.core.patterns || []), { id: newPatternId(), pattern: '', label: 'pure_promo', weight: 1, description: '' }];
      renderPatterns();
      const inputs = $('patterns-body').querySelectorAll('input.pattern');
      if (inputs.length) inputs[inputs.length - 1].focus();
      changed();
    });
    $('pg-text').addEventListener('input', schedulePlayground);
    $('pg-kind').addEventListener('change', schedulePlayground);
    bindBackup();
    S.onChange(onStoredChange);
    document.body.dataset.ready = 'true';
  }

  start();
})();
