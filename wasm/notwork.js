/* Notwork's JavaScript engine: the WebAssembly core behind a small object API
 * (docs/ARCHITECTURE.md, section 2).
 *
 *   const engine = await NotworkEngine.create({ wasmBinary, config });
 *   engine.scoreBatch(posts)  // one wasm call per batch, never per post
 *
 * A classic script with no dependencies: a global `NotworkEngine` in pages, content
 * scripts and service workers (load notwork-core.js first, e.g.
 * importScripts('notwork-core.js', 'notwork.js')); `require('./wasm/notwork.js')` in Node.
 *
 * Crossing the boundary: arguments are serialised once (JSON.stringify) and encoded
 * straight into wasm memory with TextEncoder.encodeInto into a reusable buffer; answers
 * are decoded once from wasm memory and parsed once. The exports never throw; a failed
 * call is flagged and its {"error"} answer becomes a JS Error here.
 */
(function (root, define) {
  'use strict';
  var api = define(root);
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.NotworkEngine = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (root) {
  'use strict';

  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  var isNode = typeof process === 'object' && process !== null && !!(process.versions && process.versions.node) &&
    typeof require === 'function';

  // The Emscripten factory (-sMODULARIZE -sEXPORT_NAME=NotworkCoreModule).
  function findFactory(options) {
    if (typeof options.moduleFactory === 'function') return { factory: options.moduleFactory };
    if (isNode) {
      var path = require('path');
      var fs = require('fs');
      var candidates = options.modulePath
        ? [path.resolve(options.modulePath)]
        : [path.join(__dirname, 'notwork-core.js'), path.join(__dirname, '..', 'build', 'wasm', 'notwork-core.js')];
      for (var i = 0; i < candidates.length; i++) {
        if (fs.existsSync(candidates[i])) return { factory: require(candidates[i]), path: candidates[i] };
      }
      throw new Error('notwork: the wasm core is not built (looked for ' + candidates.join(', ') +
        '); run: cmake --preset wasm && cmake --build --preset wasm');
    }
    if (typeof root.NotworkCoreModule === 'function') return { factory: root.NotworkCoreModule };
    throw new Error('notwork: NotworkCoreModule is not loaded; load notwork-core.js before notwork.js');
  }

  // Realm-independent checks: the binary may come from another global (a frame, a vm).
  function asBytes(binary) {
    if (binary == null) return undefined;
    var kind = Object.prototype.toString.call(binary);
    if (kind === '[object Uint8Array]') return binary;
    if (kind === '[object ArrayBuffer]') return new Uint8Array(binary);
    if (ArrayBuffer.isView(binary)) return new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength);
    throw new TypeError('notwork: wasmBinary must be an ArrayBuffer or a Uint8Array');
  }

  function toJson(value, what) {
    if (typeof value === 'string') return value;  // already a JSON text
    var text = JSON.stringify(value);
    if (typeof text !== 'string') throw new TypeError('notwork: ' + what + ' must be JSON-serialisable');
    return text;
  }

  function Engine(module) {
    this._m = module;
    this._session = module._notwork_session_create();
    if (!this._session) throw new Error('notwork: could not create a scoring session (out of memory)');
    this._in = 0;       // reusable input buffer in wasm memory
    this._inSize = 0;
    this.configResult = { ok: true, errors: [] };
  }

  // Writes `text` as UTF-8 into the reusable input buffer; returns its byte length.
  Engine.prototype._put = function (text) {
    var m = this._m;
    var length = text.length;
    // Most text is ASCII: try a buffer a little larger than the string first and only
    // fall back to the UTF-8 worst case (3 bytes per UTF-16 unit) if it did not fit.
    var attempts = [length + (length >> 3) + 64, length * 3 + 1];
    for (var i = 0; i < attempts.length; i++) {
      if (this._inSize < attempts[i]) this._grow(attempts[i]);
      var written = encoder.encodeInto(text, m.HEAPU8.subarray(this._in, this._in + this._inSize));
      if (written.read === length) return written.written;
    }
    throw new Error('notwork: could not encode the input');
  };

  Engine.prototype._grow = function (size) {
    var m = this._m;
    if (this._in) m._notwork_free(this._in);
    this._in = 0;
    this._inSize = 0;
    var pointer = m._notwork_alloc(size);
    if (!pointer) throw new Error('notwork: out of memory for an input of ' + size + ' bytes');
    this._in = pointer;
    this._inSize = size;
  };

  // A copy of wasm memory the caller may keep. In Node an uninitialised Buffer (no zero
  // fill before the copy); elsewhere a plain slice.
  function copyOut(view) {
    if (typeof Buffer !== 'undefined' && Buffer.allocUnsafeSlow) {
      var copy = Buffer.allocUnsafeSlow(view.length);
      copy.set(view);
      return copy;
    }
    return view.slice();
  }

  // Takes a result pointer from an export and frees it. Returns the answer as text, or a
  // copy of its bytes (`copy`), or — when `use` is a function — what `use` returns for a
  // view of the bytes: it runs before the memory is freed and must not keep the view.
  // A flagged error is thrown as a JS Error.
  Engine.prototype._takeBytes = function (pointer, copy, use) {
    var m = this._m;
    if (!pointer) throw new Error('notwork: out of memory');
    var failed = m._notwork_result_failed();
    var end = pointer + m._notwork_result_length();
    var bytes = m.HEAPU8.subarray(pointer, end);
    if (failed) {
      bytes = copyOut(bytes);
      m._notwork_free(pointer);
      var message;
      try { message = JSON.parse(decoder.decode(bytes)).error; } catch (e) { message = decoder.decode(bytes); }
      throw new Error('notwork: ' + message);
    }
    var answer;
    try {
      // Nothing else runs in between, so the view stays valid until the free.
      answer = use ? use(bytes) : copy ? copyOut(bytes) : decoder.decode(bytes);
    } finally {
      m._notwork_free(pointer);
    }
    return answer;
  };

  Engine.prototype._take = function (pointer) { return this._takeBytes(pointer, false); };

  Engine.prototype._live = function () {
    if (!this._session) throw new Error('notwork: this engine was destroyed');
    return this._session;
  };

  // A one-off huge input should not pin its buffer in memory for the engine's life.
  Engine.prototype._trim = function () {
    if (this._inSize > (16 << 20)) this._grow(64 << 10);
  };

  // Calls export `name` with (session?, text) and returns its JSON answer as text.
  Engine.prototype._callText = function (name, text, withSession) {
    var m = this._m;
    var session = withSession ? this._live() : 0;
    var bytes = this._put(text);
    var pointer = withSession ? m[name](session, this._in, bytes) : m[name](this._in, bytes);
    this._trim();
    return this._take(pointer);
  };

  // Low level, for the Node CLI: calls export `name` with (session unless `noSession`,
  // the concatenation of `parts` (Uint8Arrays, copied once into wasm memory), integer
  // arguments `extra`); returns a copy of the answer's bytes, or what `use` returns for a
  // view of them (see _takeBytes: large answers are then never copied).
  Engine.prototype._callParts = function (name, parts, extra, noSession, use) {
    var m = this._m;
    var session = noSession ? 0 : this._live();
    var total = 0;
    for (var i = 0; i < parts.length; i++) total += parts[i].length;
    if (this._inSize < total + 1) this._grow(total + (total >> 3) + 64);
    var heap = m.HEAPU8;
    var at = this._in;
    for (var j = 0; j < parts.length; j++) { heap.set(parts[j], at); at += parts[j].length; }
    var args = noSession ? [this._in, total] : [session, this._in, total];
    var pointer = m[name].apply(null, args.concat(extra || []));
    this._trim();
    return this._takeBytes(pointer, true, use);
  };

  Engine.prototype.configure = function (config) {
    var result = JSON.parse(this._callText('_notwork_session_configure', toJson(config, 'config'), true));
    this.configResult = result;
    return result;
  };

  // Posts (array of objects) -> results (array, same order). Per-author context is
  // carried across calls until resetContext().
  Engine.prototype.scoreBatch = function (posts) {
    if (!Array.isArray(posts)) throw new TypeError('notwork: scoreBatch expects an array of posts');
    if (posts.length === 0) return [];
    return JSON.parse(this.scoreBatchJson(JSON.stringify(posts)));
  };

  // The same over JSON texts, for callers that already hold JSON (the Node CLI):
  // a JSON array of posts in, the core's JSON array of results out, untouched.
  Engine.prototype.scoreBatchJson = function (postsJson) {
    return this._callText('_notwork_session_score_batch', postsJson, true);
  };

  Engine.prototype.audit = function (posts) {
    if (!Array.isArray(posts)) throw new TypeError('notwork: audit expects an array of posts');
    return JSON.parse(this._callText('_notwork_session_audit', JSON.stringify(posts), true));
  };

  Engine.prototype.validateConfig = function (config) {
    return JSON.parse(this._callText('_notwork_validate_config', toJson(config, 'config'), false));
  };

  Engine.prototype.validatePattern = function (pattern) {
    if (typeof pattern !== 'string') throw new TypeError('notwork: validatePattern expects a string');
    return JSON.parse(this._callText('_notwork_validate_pattern', pattern, false));
  };

  Engine.prototype.catalogue = function () {
    return JSON.parse(this._take(this._m._notwork_catalogue()));
  };

  Engine.prototype.defaultConfig = function () {
    return JSON.parse(this._take(this._m._notwork_default_config()));
  };

  Engine.prototype.resetContext = function () {
    this._m._notwork_session_reset_context(this._live());
  };

  // Author memory (docs/ARCHITECTURE.md, "Author memory"): the per-author context as a
  // versioned, bounded document (a string; hashes and times, never post text), in one call.
  // options: {now (seconds), max_authors, max_posts_per_author, max_comments, max_bytes}.
  Engine.prototype.exportState = function (options) {
    return this._callText('_notwork_session_export_state', options == null ? '' : toJson(options, 'options'), true);
  };

  // Replaces the per-author context with a state from exportState (or, with {merge: true},
  // adds the authors this engine does not know). A corrupt, truncated, foreign or oversized
  // state changes nothing. -> {ok, error, authors, posts, comments, expired}
  Engine.prototype.importState = function (state, options) {
    if (typeof state !== 'string') throw new TypeError('notwork: importState expects the state as a string');
    var head = options == null ? '{}' : toJson(options, 'options');
    if (head.indexOf('\n') >= 0) head = JSON.stringify(JSON.parse(head));
    return JSON.parse(this._callText('_notwork_session_import_state', head + '\n' + state, true));
  };

  // Frees the session and buffers (the module's memory itself lives until it is dropped).
  Engine.prototype.destroy = function () {
    if (this._session) this._m._notwork_session_destroy(this._session);
    if (this._in) this._m._notwork_free(this._in);
    this._session = 0;
    this._in = 0;
    this._inSize = 0;
  };

  // options: wasmBinary (ArrayBuffer|Uint8Array; in Node read from disk when absent),
  // config (optional configuration document; a rejected one leaves the defaults and is
  // reported in engine.configResult), moduleFactory / modulePath (where the Emscripten
  // module is, when not the NotworkCoreModule global or build/wasm/notwork-core.js).
  function create(options) {
    options = options || {};
    var found;
    var wasmBinary;
    try {
      found = findFactory(options);
      wasmBinary = asBytes(options.wasmBinary);
      if (!wasmBinary && isNode && found.path) {
        wasmBinary = new Uint8Array(require('fs').readFileSync(found.path.replace(/\.js$/, '.wasm')));
      }
    } catch (e) {
      return Promise.reject(e);
    }
    var moduleOptions = {
      print: function () {},
      printErr: function (text) { if (typeof console !== 'undefined') console.warn('notwork core: ' + text); }
    };
    if (wasmBinary) moduleOptions.wasmBinary = wasmBinary;
    return Promise.resolve(found.factory(moduleOptions)).then(function (module) {
      var engine = new Engine(module);
      if (options.config != null) engine.configure(options.config);
      return engine;
    });
  }

  // The module's one-time start-up, one step per call (building the rules, compiling their
  // shared pattern sets): returns how many steps remain, 0 when the module is ready. Optional —
  // `new Engine(module)` does whatever is left — but each step is a short call, so a page
  // can spread start-up over idle periods instead of one long task.
  function prepareStep(module) {
    var left = module._notwork_prepare_step();
    if (left < 0) throw new Error('notwork: out of memory while starting up');
    return left;
  }

  return { create: create, Engine: Engine, prepareStep: prepareStep };
});
