// Shared by the wasm tests: paths, the builds they need, corpora, running the CLIs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const require = createRequire(import.meta.url);
export const nativeCli = path.join(repo, 'build', 'native', 'notwork');
export const wasmCli = path.join(repo, 'wasm', 'cli.mjs');
export const engineModule = path.join(repo, 'build', 'wasm', 'notwork-core.js');
export const corporaDir = process.env.NOTWORK_CORPORA || path.join(repo, '..', 'shared', 'corpora');

// The builds are prerequisites, not optional: a missing one fails the test loudly.
export function requireBuilt(file, how) {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(repo, file)} is missing: build it first (${how})`);
  }
}
export const requireWasm = () => {
  requireBuilt(engineModule.replace(/\.js$/, '.wasm'), 'cmake --preset wasm && cmake --build --preset wasm');
  requireBuilt(path.join(repo, 'build', 'wasm', 'notwork-cli-core.wasm'), 'cmake --build --preset wasm');
};
export const requireNative = () => requireBuilt(nativeCli, 'cmake --preset native && cmake --build --preset native');

// Post corpora (JSON Lines of posts); source-clients.jsonl lists clients, not posts.
export function corpora() {
  if (!fs.existsSync(corporaDir)) throw new Error(`no corpora directory at ${corporaDir} (set NOTWORK_CORPORA)`);
  const files = fs.readdirSync(corporaDir)
    .filter((f) => f.endsWith('.jsonl') && f !== 'source-clients.jsonl').sort()
    .map((f) => path.join(corporaDir, f));
  if (files.length === 0) throw new Error(`no post corpora (*.jsonl) in ${corporaDir}`);
  return files;
}

export function readPosts(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export function run(command, args, input) {
  const result = spawnSync(command, args, {
    input: typeof input === 'string' ? Buffer.from(input) : input, maxBuffer: 1 << 30,
  });
  // EPIPE: the command exited (e.g. on a bad --config) before reading all of stdin.
  if (result.error && result.error.code !== 'EPIPE') throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}
export const runNative = (args, input) => run(nativeCli, args, input);
export const runWasm = (args, input) => run(process.execPath, [wasmCli, ...args], input);

export async function createEngine(options = {}) {
  requireWasm();
  const NotworkEngine = require(path.join(repo, 'wasm', 'notwork.js'));
  return NotworkEngine.create({ modulePath: engineModule, ...options });
}
