// Content scripts for hosts the user adds at run time (more Mastodon instances, WordPress
// blogs). The file list is the manifest's static content script — one list, one place.
// A host is registered only while its optional host permission is granted.
'use strict';
const NotworkRegistration = (() => {
  const ID = 'notwork-user-hosts';

  function staticScript() { return chrome.runtime.getManifest().content_scripts[0]; }
  // Firefox hands the manifest back with absolute moz-extension:// URLs, which
  // registerContentScripts refuses: the files as paths inside the extension.
  const inside = (f) => (f.startsWith(chrome.runtime.getURL('')) ? f.slice(chrome.runtime.getURL('').length) : f).replace(/^\/+/, '');

  function staticHosts() {
    return new Set(staticScript().matches.map((m) => new URL(m.replace('/*', '/')).hostname));
  }

  /** Hosts from the settings that need a dynamic registration and have their permission. */
  async function grantedUserHosts(settings) {
    const wanted = new Set();
    if (!settings.sites || settings.sites.mastodon !== false) for (const h of settings.mastodonInstances || []) wanted.add(h);
    if (!settings.sites || settings.sites.wordpress !== false) for (const h of settings.blogs || []) wanted.add(h);
    const fixed = staticHosts();
    const out = [];
    for (const raw of wanted) {
      const h = NotworkSettings.normalizeHost(raw);
      if (!h || fixed.has(h)) continue;
      if (await chrome.permissions.contains({ origins: [`https://${h}/*`] })) out.push(h);
    }
    return out.sort();
  }

  let running = Promise.resolve();
  /** Makes the registered scripts match the settings and permissions (serialised). */
  function sync() {
    running = running.then(async () => {
      const settings = await NotworkSettings.load();
      const hosts = await grantedUserHosts(settings);
      const current = await chrome.scripting.getRegisteredContentScripts({ ids: [ID] });
      const base = staticScript();
      const want = hosts.length ? {
        id: ID,
        matches: hosts.map((h) => `https://${h}/*`),
        js: base.js.map(inside),
        runAt: base.run_at || 'document_idle',
        persistAcrossSessions: true,
      } : null;
      const have = current[0];
      if (have && want && JSON.stringify(have.matches) === JSON.stringify(want.matches) && JSON.stringify(have.js.map(inside)) === JSON.stringify(want.js)) return hosts;
      if (have) await chrome.scripting.unregisterContentScripts({ ids: [ID] });
      if (want) await chrome.scripting.registerContentScripts([want]);
      return hosts;
    }).catch((e) => { console.warn('Notwork: content-script registration failed', e); return []; });
    return running;
  }

  return { ID, sync, staticHosts };
})();
