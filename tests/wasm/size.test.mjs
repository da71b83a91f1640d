// The extension's engine module has a size budget (issue 10: <= 600 KB with the language
// data; docs/performance.md, "Core", says what takes the bytes). The module the extension
// ships (extension/generated/, copied by the wasm build) must be within it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, engineModule, requireWasm } from './helpers.mjs';

const BUDGET = 600 * 1024;

test('the engine .wasm (built and shipped) is within its 600 KB budget', () => {
  requireWasm();
  const built = fs.readFileSync(engineModule.replace(/\.js$/, '.wasm'));
  assert.ok(built.length <= BUDGET, `build/wasm/notwork-core.wasm is ${built.length} bytes, over ${BUDGET}`);
  // A real module, not an empty or truncated file: the wasm magic and a compilable body.
  assert.ok(WebAssembly.validate(built), 'build/wasm/notwork-core.wasm is not a valid module');
  const shipped = path.join(repo, 'extension', 'generated', 'notwork-core.wasm');
  if (fs.existsSync(shipped)) {
    const size = fs.statSync(shipped).size;
    assert.ok(size <= BUDGET, `extension/generated/notwork-core.wasm is ${size} bytes, over ${BUDGET}`);
  }
});
