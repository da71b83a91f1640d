/* Notwork popup: the self-audit of the profile open in a tab.
 * The tab's content script (content/audit.js) collects the profile's posts through the
 * site adapter and answers the core's audit report (engine.audit, the same code as
 * `notwork audit`); this page only shows and exports it.
 * Test hook: popup.html?tab=<tabId> audits that tab instead of the active one. */
(function () {
  'use strict';
  const { t, localize, download, el } = NotworkPages;
  const LABELS = ['autofeed', 'pure_promo', 'genuine_share', 'conversation', 'neutral'];
  const SITE_NAMES = { x: 'site_x', mastodon: 'site_mastodon', bluesky: 'site_bluesky', youtube: 'site_youtube', wordpress: 'site_wordpress' };
  const $ = (id) => document.getElementById(id);

  let tabId = null;
  let current = null; // {site, handle, url, posts, report}
  let port = null;

  function show(id) {
    for (const s of ['loading', 'unsupported', 'failed', 'report']) $(s).hidden = s !== id;
  }

  async function targetTab() {
    const param = new URLSearchParams(location.search).get('tab');
    if (param && /^\d+$/.test(param)) return Number(param);
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return tab ? tab.id : null;
  }

  const siteName = (site) => (site && SITE_NAMES[site] ? t(SITE_NAMES[site]) : site || '');
  const pct = (x) => (typeof x === 'number' && isFinite(x) ? Math.round(x * 100) + '%' : '–');
  const num = (x) => (typeof x === 'number' && isFinite(x) ? String(Math.round(x * 100) / 100) : '–');

  function unsupported(answer) {
    show('unsupported');
    if (answer && answer.site) {
      $('unsupported-title').textContent = t('popup_not_profile_title', [siteName(answer.site)]);
      $('unsupported-text').textContent = t('popup_not_profile_text');
    }
  }

  function failed(message) {
    show('failed');
    $('failed-text').textContent = message;
  }

  function showReport(answer) {
    if (!answer.report) return failed(t('popup_failed_title'));
    current = answer;
    render(current);
  }

  // ------------------------------------------------------------ rendering

  function verdict(score) {
    if (score >= 80) return t('popup_verdict_great');
    if (score >= 60) return t('popup_verdict_good');
    if (score >= 40) return t('popup_verdict_mixed');
    return t('popup_verdict_broadcast');
  }

  function render({ site, handle, posts, report }) {
    show('report');
    const score = Math.round(report.score);
    $('target').textContent = `${siteName(site)} · @${String(handle).replace(/^@/, '')}`;
    const scoreEl = $('score');
    scoreEl.textContent = String(score);
    scoreEl.setAttribute('data-notwork-audit-score', String(score));
    const ring = $('ring-fg');
    const circ = 2 * Math.PI * 52;
    ring.style.strokeDasharray = `${(circ * Math.max(0, Math.min(100, score))) / 100} ${circ}`;
    ring.style.stroke = score >= 60 ? 'var(--accent)' : score >= 40 ? 'var(--warn)' : 'var(--danger)';
    $('verdict').textContent = verdict(score);
    $('posts-line').textContent = t('popup_posts_line', [String(report.posts), '@' + String(handle).replace(/^@/, '')]);

    const sug = $('suggestions');
    sug.replaceChildren(...(report.suggestions || []).map((s) => el('li', {}, el('span', { class: 'pid', text: s.principle }), ' ', el('span', { text: s.text }))));

    renderMix(report.label_mix || {});
    renderActivity(report.activity || []);
    renderFigures(report.figures || {});

    const rows = (report.breakdown || []).map((b) =>
      el('tr', {},
        el('td', {}, el('span', { class: 'pid', text: b.principle })),
        el('td', {}, el('div', { class: 'bname', text: b.name }), el('div', { class: 'muted small', text: b.detail || '' })),
        el('td', { class: 'pts' }, el('div', { class: 'bar' }, el('i', { style: `width:${b.max ? Math.round((100 * b.points) / b.max) : 0}%` })), el('span', { class: 'small', text: `${num(b.points)} / ${num(b.max)}` }))));
    $('breakdown').tBodies[0].replaceChildren(...rows);
  }

  function renderMix(mix) {
    const total = LABELS.reduce((s, l) => s + (mix[l] || 0), 0) || 1;
    const segs = LABELS.filter((l) => mix[l]).map((l) =>
      el('span', { style: `flex:${mix[l]};background:var(--${l})`, title: `${t('label_' + l)}: ${mix[l]}` }));
    $('mix').replaceChildren(...segs);
    $('mix').setAttribute('aria-label', LABELS.map((l) => `${t('label_' + l)} ${mix[l] || 0}`).join(', '));
    $('legend').replaceChildren(...LABELS.map((l) =>
      el('span', { class: 'chip' }, el('i', { class: 'dot', style: `background:var(--${l})` }), `${t('label_' + l)} ${mix[l] || 0} (${Math.round((100 * (mix[l] || 0)) / total)}%)`)));
  }

  function svg(tag, attrs) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  /** Stacked bars, one per day, coloured by label (no libraries). */
  function renderActivity(days) {
    const box = $('activity');
    if (!days.length) {
      box.replaceChildren(el('p', { class: 'muted small', text: t('popup_no_dates') }));
      return;
    }
    const W = 340, H = 110, padL = 22, padB = 18, padT = 6;
    const max = Math.max(1, ...days.map((d) => d.count));
    const slot = (W - padL) / days.length;
    const bw = Math.max(2, Math.min(22, slot * 0.7));
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': t('popup_chart') });
    const y = (v) => H - padB - ((H - padB - padT) * v) / max;
    chart.append(svg('line', { x1: padL, x2: W, y1: y(0), y2: y(0), class: 'axis' }));
    chart.append(svg('line', { x1: padL, x2: W, y1: y(max), y2: y(max), class: 'grid' }));
    const maxLabel = svg('text', { x: padL - 4, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' });
    maxLabel.textContent = String(max);
    chart.append(maxLabel);
    days.forEach((d, i) => {
      const x = padL + i * slot + (slot - bw) / 2;
      let acc = 0;
      const g = svg('g', {});
      const title = svg('title', {});
      title.textContent = `${d.date}: ${d.count} — ` + LABELS.filter((l) => d.labels && d.labels[l]).map((l) => `${t('label_' + l)} ${d.labels[l]}`).join(', ');
      g.append(title);
      for (const l of LABELS) {
        const n = (d.labels && d.labels[l]) || 0;
        if (!n) continue;
        g.append(svg('rect', { x, y: y(acc + n), width: bw, height: Math.max(0.5, y(acc) - y(acc + n)), fill: `var(--${l})`, rx: 1.5 }));
        acc += n;
      }
      chart.append(g);
    });
    for (const [i, anchor] of [[0, 'start'], [days.length - 1, 'end']]) {
      if (days.length === 1 && i !== 0) continue;
      const tx = svg('text', { x: anchor === 'start' ? padL : W, y: H - 4, 'text-anchor': anchor, class: 'tick' });
      tx.textContent = days[i].date;
      chart.append(tx);
    }
    box.replaceChildren(chart);
  }

  function figureLines(f) {
    const out = [];
    if (f.P1) out.push(['P1', t('popup_fig_P1', [String(f.P1.broadcast), String(f.P1.conversation), num(f.P1.ratio)])]);
    if (f.P2) out.push(['P2', t('popup_fig_P2', [String(f.P2.own_links), String(f.P2.other_links), pct(f.P2.own_share)])]);
    if (f.P8) out.push(['P8', t('popup_fig_P8', [String(f.P8.duplicates), pct(f.P8.share)])]);
    if (f.P9) out.push(['P9', t('popup_fig_P9', [String(f.P9.bursts), String(f.P9.max_per_hour)])]);
    if (f.P12) out.push(['P12', t('popup_fig_P12', [String(f.P12.link_only), pct(f.P12.share)])]);
    if (f.P14) out.push(['P14', f.P14.ratio === null || f.P14.ratio === undefined
      ? t('popup_fig_P14_none', [String(f.P14.mentions_received)])
      : t('popup_fig_P14', [String(f.P14.answered), String(f.P14.mentions_received), pct(f.P14.ratio)])]);
    return out;
  }

  function renderFigures(f) {
    const items = [];
    for (const [p, text] of figureLines(f)) {
      items.push(el('dt', {}, el('span', { class: 'pid', text: p }), ' ', t('principle_' + p)));
      items.push(el('dd', { text }));
    }
    $('figures').replaceChildren(...items);
  }

  // ------------------------------------------------------------ exports

  function exportObject() {
    return { tool: 'notwork', kind: 'audit', generated_at: new Date().toISOString(), site: current.site, handle: current.handle, url: current.url, report: current.report, posts: current.posts };
  }

  const mdCell = (s) => String(s === undefined || s === null ? '' : s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

  function markdown() {
    const { site, handle, report } = current;
    const h = '@' + String(handle).replace(/^@/, '');
    const lines = [
      `# ${t('popup_md_title', [h, siteName(site)])}`, '',
      `**${t('popup_md_score')}: ${Math.round(report.score)}/100** — ${verdict(report.score)}`, '',
      t('popup_posts_line', [String(report.posts), h]), '',
      `## ${t('popup_suggestions')}`, '',
      ...(report.suggestions || []).map((s, i) => `${i + 1}. **${s.principle}** ${s.text}`), '',
      `## ${t('popup_breakdown')}`, '',
      `| ${t('popup_md_principle')} | ${t('popup_md_name')} | ${t('popup_md_points')} | ${t('popup_md_detail')} |`,
      '|---|---|---:|---|',
      ...(report.breakdown || []).map((b) => `| ${b.principle} | ${mdCell(b.name)} | ${num(b.points)} / ${num(b.max)} | ${mdCell(b.detail)} |`), '',
      `## ${t('popup_figures')}`, '',
      ...figureLines(report.figures || {}).map(([p, text]) => `- **${p}** ${t('principle_' + p)}: ${text}`), '',
      `## ${t('popup_md_mix')}`, '',
      ...LABELS.map((l) => `- ${t('label_' + l)}: ${(report.label_mix || {})[l] || 0}`), '',
      `## ${t('popup_md_activity')}`, '',
      `| ${t('popup_md_date')} | ${t('popup_md_posts')} | ${LABELS.map((l) => t('label_' + l)).join(' | ')} |`,
      `|---|---:|${LABELS.map(() => '---:').join('|')}|`,
      ...(report.activity || []).map((d) => `| ${d.date} | ${d.count} | ${LABELS.map((l) => (d.labels && d.labels[l]) || 0).join(' | ')} |`), '',
      `_${t('popup_md_footer', [new Date().toISOString().slice(0, 10)])}_`, '',
    ];
    return lines.join('\n');
  }

  const fileBase = () => `notwork-audit-${current.site}-${String(current.handle).replace(/[^a-z0-9_.-]+/gi, '_')}`;

  // ------------------------------------------------------------ gathering more

  function gatherMore() {
    if (port) return;
    $('more').disabled = true;
    $('cancel').hidden = false;
    $('progress').hidden = false;
    $('progress').textContent = t('popup_progress', [String(current ? current.posts.length : 0)]);
    port = chrome.tabs.connect(tabId, { name: 'notwork:audit' });
    const done = () => {
      port = null;
      $('more').disabled = false;
      $('cancel').hidden = true;
      $('progress').hidden = true;
    };
    port.onMessage.addListener((msg) => {
      if (msg.type === 'progress') $('progress').textContent = t('popup_progress', [String(msg.count)]);
      else if (msg.type === 'report') {
        const p = port;
        done();
        p.disconnect();
        showReport(msg);
      } else if (msg.type === 'error' || msg.type === 'unsupported') {
        done();
      }
    });
    port.onDisconnect.addListener(done);
    port.postMessage({ type: 'notwork:audit', scroll: true });
  }

  // ------------------------------------------------------------ hidden posts (content/actions.js)

  /** "Posts hidden on this page: n" with a button that shows them, when the Hide action hid any. */
  async function showHidden() {
    let answer = null;
    try { answer = await chrome.tabs.sendMessage(tabId, { type: 'notwork:hidden' }); } catch (_) { return; }
    if (!answer || !answer.hidden) return;
    $('hidden-text').textContent = t('popup_hidden', [String(answer.hidden)]);
    $('hidden-bar').hidden = false;
    $('reveal').hidden = false;
    $('reveal').onclick = async () => {
      try { await chrome.tabs.sendMessage(tabId, { type: 'notwork:reveal' }); } catch (_) { return; }
      $('hidden-text').textContent = t('popup_revealed');
      $('reveal').hidden = true;
    };
  }

  // ------------------------------------------------------------ "Pause on this site"

  /** The tab's host when Notwork may run there (the tab's URL is visible to the extension only
   *  on sites it has access to), else null. */
  async function tabHost() {
    let tab = null;
    try { tab = await chrome.tabs.get(tabId); } catch (_) { return null; }
    const url = tab && (tab.url || tab.pendingUrl);
    if (!url || !/^https?:/i.test(url)) return null;
    try { return NotworkSettings.normalizeHost(new URL(url).hostname); } catch (_) { return null; }
  }

  function showPaused(host, paused) {
    $('pause').checked = paused;
    $('pause-label').textContent = t('popup_pause', [host]);
    $('pause-note').textContent = paused ? t('popup_paused_note', [host]) : '';
    document.body.dataset.paused = String(paused);
  }

  /** A switch per site: while on, the tab's content script shows no badges and no nudges
   *  there (and takes away those it showed); off brings them back. A real click only. */
  async function setupPause() {
    const host = await tabHost();
    if (!host) return;
    showPaused(host, await NotworkSettings.isPaused(host));
    $('pause-bar').hidden = false;
    // A script's click() toggles a checkbox and fires a trusted-looking change: the click itself
    // tells (isTrusted false), and its toggle is undone before any change event.
    $('pause').addEventListener('click', (e) => { if (!e.isTrusted) e.preventDefault(); });
    $('pause').addEventListener('change', async (e) => {
      const want = e.target.checked;
      if (!e.isTrusted) { showPaused(host, !want); return; } // a script's click is not the user
      $('pause').disabled = true;
      let res;
      try { res = await NotworkSettings.setPaused(host, want); } catch (err) { res = { ok: false, message: String((err && err.message) || err) }; }
      $('pause').disabled = false;
      if (res.ok) showPaused(host, want);
      else {
        showPaused(host, !want);
        $('pause-note').textContent = t('popup_pause_failed', [res.message || '']);
      }
    });
    chrome.storage.onChanged.addListener((c, area) => {
      if (area === 'local' && c.pausedSites) showPaused(host, !!(c.pausedSites.newValue || {})[host]);
    });
  }

  // ------------------------------------------------------------ start

  async function start() {
    localize();
    $('more').addEventListener('click', gatherMore);
    $('cancel').addEventListener('click', () => port && port.postMessage({ type: 'cancel' }));
    $('export-json').addEventListener('click', () => download(fileBase() + '.json', JSON.stringify(exportObject(), null, 2) + '\n', 'application/json'));
    $('export-md').addEventListener('click', () => download(fileBase() + '.md', markdown(), 'text/markdown'));
    $('open-options').addEventListener('click', (e) => { e.preventDefault(); chrome.runtime.openOptionsPage(); });

    tabId = await targetTab();
    if (tabId === null) return unsupported(null);
    setupPause();
    showHidden();
    let answer;
    try {
      answer = await chrome.tabs.sendMessage(tabId, { type: 'notwork:audit', scroll: false });
    } catch (_) {
      return unsupported(null); // no Notwork content script there: not a supported site
    }
    if (!answer || answer.type === 'unsupported') return unsupported(answer);
    if (answer.type !== 'report') return failed(answer.message || t('popup_failed_title'));
    if (!answer.posts.length) {
      show('unsupported');
      $('unsupported-title').textContent = t('popup_no_posts_title');
      $('unsupported-text').textContent = t('popup_no_posts_text');
      for (const e of document.querySelectorAll('#unsupported .sites, #unsupported .small')) e.hidden = true;
      return;
    }
    showReport(answer);
  }

  NotworkPages.popup = { markdown: () => markdown(), exportObject: () => exportObject() };
  start();
})();
