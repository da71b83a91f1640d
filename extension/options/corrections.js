/* Options page, "Corrections" section: every correction the user made from a badge ("This badge
 * is wrong") or an unbadged post ("This is promo" / "This is a feed") — site, author, what was
 * said, when, which rules it moved — with undo per correction, reset all, the count and the
 * stored size. The storage and the model are extension/shared/corrections.js: undoing one
 * recomputes the multipliers from the remaining list, so its step goes exactly. Text from storage
 * (authors) goes in as textContent only. */
(function () {
  'use strict';
  const { t, el } = NotworkPages;
  const C = NotworkCorrections;
  const $ = (id) => document.getElementById(id);

  const size = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);
  const when = (ms) => new Date(ms).toLocaleString();
  const pct = (d) => `${d > 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)}%`;
  const who = (e) => (e.site === 'wordpress' ? e.author : '@' + e.author);
  const labelName = (l) => t('label_' + l);

  function status(text, kind) {
    const s = $('corrections-status');
    s.textContent = text;
    s.dataset.kind = kind || '';
  }

  function row(e) {
    const undo = el('button', { type: 'button', class: 'link small', 'data-undo': e.id, text: t('options_corrections_undo'),
      'aria-label': t('options_corrections_undo_aria', [who(e), t('site_' + e.site)]) });
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      const res = await C.undo(e.id);
      status(res.ok ? t('options_corrections_undone') : t('options_corrections_failed', [res.message || '']), res.ok ? 'ok' : 'error');
      await render();
    });
    const moves = Object.entries(e.step).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    return el('tr', { 'data-correction': e.id },
      el('td', {}, el('span', { class: 'c-site', text: t('site_' + e.site) }), ' ', el('span', { class: 'c-author', text: who(e) })),
      el('td', { class: 'c-said', 'data-said': (e.right ? '' : 'not:') + e.label, text: e.right ? t('options_corrections_said_right', [labelName(e.label)]) : t('options_corrections_said_wrong', [labelName(e.label)]) }),
      el('td', { class: 'c-when muted small', text: when(e.time) }),
      el('td', { class: 'c-rules' }, moves.map(([r, d]) => el('span', { class: 'c-move', 'data-rule': r, 'data-step': String(d) }, el('code', { text: r }), ' ', el('span', { class: d < 0 ? 'down' : 'up', text: pct(d) })))),
      el('td', { class: 'c-undo' }, undo));
  }

  async function render() {
    let r;
    try {
      r = await C.read();
    } catch (e) {
      status(t('options_corrections_failed', [String((e && e.message) || e)]), 'error');
      return;
    }
    const list = [...r.list].reverse(); // newest first
    const summary = $('corrections-summary');
    summary.dataset.count = String(r.list.length);
    summary.dataset.bytes = String(r.bytes);
    summary.textContent = r.list.length ? t('options_corrections_summary', [String(r.list.length), size(r.bytes), String(C.MAX_ENTRIES)]) : t('options_corrections_empty');
    const problem = $('corrections-problem');
    problem.hidden = !r.problem;
    problem.textContent = r.problem ? t('options_corrections_problem', [r.problem.message]) : '';
    $('corrections-table').hidden = !list.length;
    $('corrections-body').replaceChildren(...list.map(row));
    const m = C.multipliers(r.list);
    const rules = Object.keys(m).sort((a, b) => Math.abs(m[b] - 1) - Math.abs(m[a] - 1));
    $('corrections-now').hidden = !rules.length;
    $('corrections-now').textContent = rules.length ? t('options_corrections_now', [rules.map((x) => `${x} ×${m[x].toFixed(2)}`).join(', ')]) : '';
    $('corrections-reset').disabled = !r.list.length && !r.problem;
    $('corrections-confirm').hidden = true;
  }

  function start() {
    $('corrections-help').textContent = t('options_corrections_help', [String(Math.round(C.STEP_MAX * 100)), String(Math.round((C.M_MAX - 1) * 100))]);
    $('corrections-reset').addEventListener('click', () => {
      $('corrections-confirm').hidden = false;
      $('corrections-reset-yes').focus();
    });
    $('corrections-reset-no').addEventListener('click', () => { $('corrections-confirm').hidden = true; $('corrections-reset').focus(); });
    $('corrections-reset-yes').addEventListener('click', async () => {
      const res = await C.reset();
      status(res.ok ? t('options_corrections_reset_done') : t('options_corrections_failed', [res.message || '']), res.ok ? 'ok' : 'error');
      await render();
    });
    C.onChange(() => render());
    render().then(() => { $('corrections').dataset.ready = 'true'; });
  }

  start();
})();
