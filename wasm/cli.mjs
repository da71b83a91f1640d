#!/usr/bin/env node
// `notwork score` on the WebAssembly core, for Node:
//
//   node wasm/cli.mjs score [--config FILE] [--skip-invalid] [--parse-only]
//                           [--format jsonl|outbox|tweets] [--batch N] [FILE|-]
//
// Same contract and output bytes as the native `build/native/notwork score`
// (cli/score.cc): the same core functions parse, check, merge and serialise each line
// inside wasm (wasm/cli_exports.cc); this file reads bytes, splits lines, keeps line
// numbers, prints the same messages and exits with the same codes (0 ok, 1 bad input,
// 2 bad usage or configuration). Lines travel as raw bytes: nothing is decoded here.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const NotworkEngine = require('./notwork.js');
// The CLI's module: the engine plus the JSON Lines exports (wasm/CMakeLists.txt).
const CLI_MODULE = fileURLToPath(new URL('../build/wasm/notwork-cli-core.js', import.meta.url));

const EXIT_OK = 0;
const EXIT_BAD_INPUT = 1;
const EXIT_BAD_USAGE = 2;
const MAX_SKIP_MESSAGES = 10;
const FORMATS = { jsonl: 0, outbox: 1, tweets: 2 };
const PARSE_ONLY = 1;
const SKIP_INVALID = 2;
const NEWLINE = Uint8Array.of(10);

// Kept in step with cli/score.cc's help.
const SCORE_HELP = `Usage: notwork score [options] [FILE|-]

Scores posts. Reads JSON Lines (one post object per line; stdin when FILE is
omitted or "-") and writes one JSON line per post: the input object, unknown
fields untouched and in their order, plus "label", "scores" and "reasons".
A post needs "text"; optional fields: id, author, author_name, author_url,
created_at, links, mentions, hashtags, is_reply, reply_to, is_repost,
quoted_author, site, source_client, automated, kind. Posts are scored in order
with per-author context, so a repeated post is seen as repeated.

Options:
  --config FILE      apply a configuration document (weights, thresholds, patterns)
  --skip-invalid     skip malformed lines (reported on stderr) instead of stopping
  --parse-only       parse, check and re-serialise each line without scoring
                     (the benchmark's baseline)
  --format F         input format: jsonl (default, streamed), outbox (Mastodon
                     outbox.json) or tweets (X archive tweets.js)
  --batch N          posts per call into the core (default 512; results do not
                     depend on it)
  --state FILE       author memory across runs: the per-author context is read
                     from FILE at the start (if it exists) and written back at the
                     end, atomically (posts older than 30 days are dropped; no post
                     text is stored). A corrupt or foreign FILE is reported on
                     stderr and ignored (and replaced at the end)
  --help             show this help

Exit codes: 0 ok, 1 bad input (the first bad line is named on stderr) or the
state could not be saved, 2 bad usage or configuration. Blank lines are ignored.
(This is the WebAssembly build: node wasm/cli.mjs score ...)
`;

const HELP = `Usage: node wasm/cli.mjs score [options] [FILE|-]

The WebAssembly build of 'notwork score' (see 'node wasm/cli.mjs score --help').
The other commands (audit, explain, rules, ...) are in the native tool, build/native/notwork.
`;

class UsageError extends Error {}

const error = (message) => process.stderr.write(`notwork: ${message}\n`);
const note = error;
const inputName = (file) => (file === '-' ? '<stdin>' : file);

// Node's error codes as the C library words them (the native CLI prints strerror()).
const STRERROR = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', EMFILE: 'Too many open files', EIO: 'Input/output error',
  ELOOP: 'Too many levels of symbolic links', ENAMETOOLONG: 'File name too long', EPERM: 'Operation not permitted',
};
const strerror = (e) => STRERROR[e.code] || e.message;

// `--name value`, `--name=value`, flags, positionals, `--` (cli/args.cc).
function parseArgs(argv, options) {
  const flags = new Set();
  const values = new Map();
  const positional = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (optionsDone || arg === '-' || arg.length < 2 || arg[0] !== '-') { positional.push(arg); continue; }
    if (arg === '--') { optionsDone = true; continue; }
    if (arg === '-h') arg = '--help';
    if (!arg.startsWith('--')) throw new UsageError(`unknown option '${arg}'`);
    let name = arg.slice(2);
    let value = '';
    let inlineValue = false;
    const eq = name.indexOf('=');
    if (eq >= 0) { value = name.slice(eq + 1); name = name.slice(0, eq); inlineValue = true; }
    if (name === 'help') { flags.add('help'); continue; }
    if (!(name in options)) throw new UsageError(`unknown option '--${name}'`);
    if (!options[name]) {
      if (inlineValue) throw new UsageError(`option '--${name}' takes no value`);
      flags.add(name);
      continue;
    }
    if (!inlineValue) {
      if (i + 1 >= argv.length) throw new UsageError(`option '--${name}' needs a value`);
      value = argv[++i];
    }
    values.set(name, value);
  }
  return { flags, values, positional };
}

function parseBatchSize(args) {
  if (!args.values.has('batch')) return 512;
  const v = args.values.get('batch');
  let n = 0;
  for (const c of v) {
    if (c < '0' || c > '9' || n > 1000000) throw new UsageError(`--batch needs a positive number, not '${v}'`);
    n = n * 10 + (c.charCodeAt(0) - 48);
  }
  if (n === 0) throw new UsageError(`--batch needs a positive number, not '${v}'`);
  return n;
}

function readWhole(file) {
  return file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
}

// Splits a "<header JSON>\n<body>" answer.
function splitAnswer(bytes) {
  const nl = bytes.indexOf(10);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, nl).toString('utf8'));
  return { header, body: Buffer.from(bytes.buffer, bytes.byteOffset + nl + 1, bytes.length - nl - 1) };
}

// stdout, written synchronously: scored lines go out straight from wasm memory, before it
// is freed (no copy of megabytes per batch), and a slow reader holds the CLI back instead
// of the output piling up in memory. A non-blocking stdout (EAGAIN) is waited for; a closed
// one (EPIPE, e.g. `| head`) ends the run quietly, as the native CLI ends on SIGPIPE.
class OutputClosed extends Error {}
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeOut(bytes) {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(1, bytes, offset, bytes.length - offset);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (e.code === 'EPIPE') throw new OutputClosed('stdout was closed');
      throw e;
    }
  }
}

// --config FILE: the native CLI's checks and messages (cli/common.cc apply_config).
function applyConfig(engine, args) {
  if (!args.values.has('config')) return EXIT_OK;
  const file = args.values.get('config');
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    error(`cannot read config ${file}: ${strerror(e)}`);
    return EXIT_BAD_USAGE;
  }
  const problem = Buffer.from(engine._callParts('_notwork_json_problem', [bytes], [], true)).toString('utf8');
  if (problem) {
    error(`config ${file} is ${problem}`);
    return EXIT_BAD_USAGE;
  }
  const answer = engine.configure(bytes.toString('utf8'));
  if (answer.ok) return EXIT_OK;
  error(`config ${file} has errors (nothing applied):`);
  for (const e of answer.errors || []) {
    const text = (key) => (e && typeof e === 'object' && key in e ? (typeof e[key] === 'string' ? e[key] : JSON.stringify(e[key])) : '');
    const where = text('path');
    const message = e && typeof e === 'object' ? text('message') : JSON.stringify(e);
    process.stderr.write(`  ${where || '(document)'}: ${message}\n`);
  }
  return EXIT_BAD_USAGE;
}

function scoreDocument(engine, file, format, parseOnly) {
  let document;
  try {
    document = readWhole(file);
  } catch (e) {
    error(`cannot read ${inputName(file)}: ${strerror(e)}`);
    return EXIT_BAD_INPUT;
  }
  const header = engine._callParts('_notwork_session_score_document', [document],
    [format, parseOnly ? PARSE_ONLY : 0], false, (bytes) => {
      const answer = splitAnswer(bytes);
      if (answer.header.fatal === undefined) writeOut(answer.body);
      return answer.header;
    });
  if (header.fatal !== undefined) {
    error(`${inputName(file)}: ${header.fatal}`);
    return EXIT_BAD_INPUT;
  }
  if (header.skipped > 0) {
    note(`${inputName(file)}: skipped ${header.skipped} ${
      header.skipped === 1 ? 'item that is not a post' : 'items that are not posts'} (first: ${header.first})`);
  }
  return EXIT_OK;
}

// Reads up to `length` bytes into `buffer` at `offset`; 0 at the end of the input. A
// non-blocking stdin (EAGAIN) is waited for.
function readSome(fd, buffer, offset, length) {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, offset, length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      if (e.code === 'EOF') return 0;
      throw e;
    }
  }
}

const READ_SIZE = 4 << 20;

// JSON Lines, streamed: the input is read synchronously into one buffer, reused from chunk
// to chunk (a fresh buffer per chunk costs a page fault per 4 KB), and batches of non-blank
// lines go to the core in one call each. Consecutive clean lines are handed over as one run
// of bytes (they are already separated by '\n'), so a batch is usually copied into wasm
// memory in one piece.
function scoreLines(engine, file, { parseOnly, skipInvalid, batchSize }) {
  let fd = 0;
  if (file !== '-') {
    try {
      fd = fs.openSync(file, 'r');
    } catch (e) {
      error(`cannot read ${inputName(file)}: ${strerror(e)}`);
      return EXIT_BAD_INPUT;
    }
  }
  try {
    return scoreLinesFrom(engine, fd, file, { parseOnly, skipInvalid, batchSize });
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

function scoreLinesFrom(engine, fd, file, { parseOnly, skipInvalid, batchSize }) {
  const flags = (parseOnly ? PARSE_ONLY : 0) | (skipInvalid ? SKIP_INVALID : 0);
  let buffer = Buffer.allocUnsafeSlow(READ_SIZE);
  let lineNumber = 0;
  let skipped = 0;
  let parts = [];        // the batch's bytes: runs of lines, separated by NEWLINE parts
  let lineNumbers = [];  // line number of each line in the batch
  let runStart = -1;     // the open run: buffer[runStart, runEnd), lines ending at runEnd
  let runEnd = -1;

  const closeRun = () => {
    if (runStart < 0) return;
    if (parts.length > 0) parts.push(NEWLINE);
    parts.push(buffer.subarray(runStart, runEnd));
    runStart = -1;
  };

  // Scores the batch; returns false when it stopped at a bad line.
  const flush = () => {
    closeRun();
    if (lineNumbers.length === 0) return true;
    let header;
    try {
      // The lines before a bad one are written even when it stops there.
      header = engine._callParts('_notwork_session_score_lines', parts, [flags], false, (bytes) => {
        const answer = splitAnswer(bytes);
        writeOut(answer.body);
        return answer.header;
      });
    } catch (e) {
      if (e instanceof OutputClosed) throw e;
      throw new Error(`lines ${lineNumbers[0]}-${lineNumbers[lineNumbers.length - 1]}: the core rejected the posts: ${
        e.message.replace(/^notwork: /, '')}`);
    }
    for (const [index, problem] of header.problems) {
      const line = lineNumbers[index];
      if (header.stopped) {
        error(`${inputName(file)}: line ${line}: ${problem}`);
        error('stopped at the first bad line; use --skip-invalid to score the other lines');
        return false;
      }
      if (++skipped <= MAX_SKIP_MESSAGES) note(`${inputName(file)}: line ${line}: ${problem} (skipped)`);
    }
    parts = [];
    lineNumbers = [];
    return true;
  };

  // Queues buffer[start, end), one line without its '\n' (cli/score.cc: BOM on line 1,
  // trailing CR/LF, blank lines skipped); returns true when the batch is full.
  const addLine = (start, end) => {
    ++lineNumber;
    const lineStart = start;
    const lineEnd = end;
    if (lineNumber === 1 && end - start >= 3 && buffer[start] === 0xef && buffer[start + 1] === 0xbb &&
        buffer[start + 2] === 0xbf) start += 3;
    while (end > start && (buffer[end - 1] === 10 || buffer[end - 1] === 13)) --end;
    let blank = true;
    for (let i = start; i < end; i++) {
      const c = buffer[i];
      if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) { blank = false; break; }
    }
    if (blank) return false;
    // A clean line right after the open run's last one joins it: the '\n' between them is
    // the separator the core expects.
    if (runStart >= 0 && start === lineStart && end === lineEnd && start === runEnd + 1) {
      runEnd = end;
    } else {
      closeRun();
      runStart = start;
      runEnd = end;
    }
    lineNumbers.push(lineNumber);
    return lineNumbers.length >= batchSize;
  };

  let filled = 0;  // bytes in buffer; a line not yet complete starts at 0
  for (;;) {
    if (filled === buffer.length) {  // one line longer than the buffer
      const larger = Buffer.allocUnsafeSlow(buffer.length * 2);
      buffer.copy(larger, 0, 0, filled);
      buffer = larger;
    }
    let n;
    try {
      n = readSome(fd, buffer, filled, buffer.length - filled);
    } catch (e) {
      error(`cannot read ${inputName(file)}: ${strerror(e)}`);  // e.g. a directory
      return EXIT_BAD_INPUT;
    }
    if (n === 0) break;
    const end = filled + n;
    const read = buffer.subarray(0, end);  // what the buffer holds now (its tail is stale)
    let from = 0;
    for (let nl = read.indexOf(10, filled); nl >= 0; nl = read.indexOf(10, from)) {
      if (addLine(from, nl) && !flush()) return EXIT_BAD_INPUT;
      from = nl + 1;
    }
    // The batch's lines point into the buffer, which the next read overwrites.
    if (!flush()) return EXIT_BAD_INPUT;
    buffer.copy(buffer, 0, from, end);
    filled = end - from;
  }
  if (filled > 0 && addLine(0, filled) && !flush()) return EXIT_BAD_INPUT;
  if (!flush()) return EXIT_BAD_INPUT;
  if (skipped > 0) note(`skipped ${skipped} ${skipped === 1 ? 'invalid line' : 'invalid lines'} of ${lineNumber}`);
  return EXIT_OK;
}

// --state FILE (cli/score.cc load_state / save_state): a missing file is a first run; an
// unreadable, corrupt or foreign one is reported and ignored.
function loadState(engine, file) {
  let text;
  try {
    text = fs.readFileSync(file, 'latin1');  // a state is ASCII; any other byte makes it corrupt
  } catch (e) {
    if (e.code === 'ENOENT') return;
    note(`state ${file} ignored: cannot read it: ${strerror(e)}`);
    return;
  }
  const answer = engine.importState(text);
  if (!answer.ok) {
    note(`state ${file} ignored: ${answer.error || 'unreadable'} (scoring without author memory; it is replaced at the end)`);
  }
}

// Atomically: a temporary file beside it, written and synced, then renamed over it.
// Returns '' or the problem.
function saveState(engine, file) {
  const text = Buffer.from(engine.exportState(), 'latin1');
  const tmp = `${file}.${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;
  let fd = -1;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
    let done = 0;
    while (done < text.length) done += fs.writeSync(fd, text, done, text.length - done);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = -1;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd >= 0) try { fs.closeSync(fd); } catch (_) { /* already reported */ }
    try { fs.unlinkSync(tmp); } catch (_) { /* never created */ }
    return strerror(e);
  }
  try {  // the rename made durable (best effort)
    const slash = file.lastIndexOf('/');
    const dfd = fs.openSync(slash < 0 ? '.' : slash === 0 ? '/' : file.slice(0, slash), 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  } catch (_) { /* not every file system syncs directories */ }
  return '';
}

async function runScore(argv) {
  const args = parseArgs(argv, { config: true, 'skip-invalid': false, 'parse-only': false, format: true, batch: true, state: true });
  if (args.flags.has('help')) {
    writeOut(Buffer.from(SCORE_HELP));
    return EXIT_OK;
  }
  if (args.positional.length > 1) throw new UsageError(`unexpected argument '${args.positional[1]}'`);
  const file = args.positional.length === 0 ? '-' : args.positional[0];
  const batchSize = parseBatchSize(args);
  const formatName = args.values.has('format') ? args.values.get('format') : 'jsonl';
  if (!(formatName in FORMATS)) throw new UsageError(`unknown --format '${formatName}' (jsonl, outbox, tweets)`);

  if (args.values.has('state') && args.values.get('state') === '') throw new UsageError('--state needs a file name');

  const engine = await NotworkEngine.create({ modulePath: process.env.NOTWORK_WASM_MODULE || CLI_MODULE });
  const rc = applyConfig(engine, args);
  if (rc !== EXIT_OK) return rc;
  const parseOnly = args.flags.has('parse-only');
  const score = () => (FORMATS[formatName] !== FORMATS.jsonl
    ? scoreDocument(engine, file, FORMATS[formatName], parseOnly)
    : scoreLines(engine, file, { parseOnly, skipInvalid: args.flags.has('skip-invalid'), batchSize }));
  if (!args.values.has('state')) return score();
  const state = args.values.get('state');
  loadState(engine, state);
  let status = score();
  const problem = saveState(engine, state);
  if (problem) {
    error(`cannot save state ${state}: ${problem}`);
    if (status === EXIT_OK) status = EXIT_BAD_INPUT;
  }
  return status;
}

async function main(argv) {
  if (argv.length < 1) {
    process.stderr.write(HELP);
    return EXIT_BAD_USAGE;
  }
  const command = argv[0];
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      if (command === 'help' && argv[1] === 'score') return runScore(['--help']);
      writeOut(Buffer.from(HELP));
      return EXIT_OK;
    }
    if (command === 'score') return await runScore(argv.slice(1));
    throw new UsageError(`unknown command '${command}'` +
      (['audit', 'explain', 'rules', 'validate-config', 'default-config'].includes(command)
        ? ' in the WebAssembly CLI (use build/native/notwork)' : ''));
  } catch (e) {
    if (e instanceof OutputClosed) return EXIT_OK;
    if (e instanceof UsageError) {
      error(e.message);
      error(`see 'notwork ${command.startsWith('-') || command === 'help' ? '' : `${command} `}--help'`);
      return EXIT_BAD_USAGE;
    }
    error(e.message.replace(/^notwork: /, ''));
    return EXIT_BAD_INPUT;
  }
}

process.exitCode = await main(process.argv.slice(2));
