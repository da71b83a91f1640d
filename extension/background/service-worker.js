// Notwork service worker entry (classic). It only loads the background parts, in order;
// scripts/package.mjs reads this same list to build Firefox's `background.scripts`.
'use strict';
importScripts(
  '../generated/notwork-core.js',
  '../generated/notwork.js',
  '../shared/settings.js',
  '../shared/corrections.js',
  '../shared/memory.js',
  'engine-host.js',
  'registration.js',
  'router.js'
);
