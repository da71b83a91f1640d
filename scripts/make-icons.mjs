#!/usr/bin/env node
// Draws Notwork's toolbar/store icons (16, 32, 48, 128 px PNG) into extension/icons/.
// The mark: two nodes whose link is broken in the middle — social *not*working.
// No image libraries: signed-distance shapes, 4x4 supersampling, PNG via zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../extension/icons');

const BG_TOP = [79, 70, 229];     // indigo
const BG_BOTTOM = [37, 99, 235];  // blue
const FG = [255, 255, 255];
const ACCENT = [253, 186, 116];   // warm gap highlight

// Shapes in a unit square (0..1).
const roundRect = (x, y, r) => { const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0); const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0); return Math.hypot(dx, dy) - r; };
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
function segment(x, y, ax, ay, bx, by, r) {
  const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
  const h = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * h, py - vy * h) - r;
}

function shade(x, y, size) {
  const bg = roundRect(x, y, 0.22);
  if (bg > 0) return null;
  const t = y;
  let c = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);
  const thick = size <= 16 ? 0.085 : 0.065;
  const nodeR = size <= 16 ? 0.15 : 0.13;
  const A = [0.28, 0.72], B = [0.72, 0.28];
  const gap = 0.085; // half-length of the break, along the diagonal
  const mx = 0.5, my = 0.5, d = Math.SQRT1_2;
  const link = Math.min(
    segment(x, y, A[0], A[1], mx - gap * d, my + gap * d, thick),
    segment(x, y, mx + gap * d, my - gap * d, B[0], B[1], thick));
  const nodes = Math.min(circle(x, y, A[0], A[1], nodeR), circle(x, y, B[0], B[1], nodeR));
  if (Math.min(link, nodes) <= 0) c = FG;
  else if (size >= 32 && circle(x, y, mx, my, 0.03) <= 0) c = ACCENT;
  return c;
}

function render(size) {
  const S = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const c = shade((i + (sx + 0.5) / S) / size, (j + (sy + 0.5) / S) / size, size);
        if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
      }
      const k = (j * size + i) * 4;
      if (a) { px[k] = Math.round(r / a); px[k + 1] = Math.round(g / a); px[k + 2] = Math.round(b / a); }
      px[k + 3] = Math.round(255 * a / (S * S));
    }
  }
  return png(size, px);
}

function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) { raw[y * (size * 4 + 1)] = 0; rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), render(size));
  console.log(`wrote extension/icons/icon-${size}.png`);
}
