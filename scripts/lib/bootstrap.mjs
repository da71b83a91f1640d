// How far a figure could move on other people: a grouped bootstrap (docs/quality.md).
//
// The corpora's authors (YouTube: comments) are drawn with replacement, as many as there
// are, and every drawn author brings all of their rows in every view; the statistic is
// recomputed on each such sample. The spread of those figures is what the same rules would
// show on another draw of people like these: a figure whose interval crosses its target may
// well miss it on the authors kept aside. Deterministic: a fixed seed and a 64-bit LCG.
//
// It cannot see further than the corpora: authors unlike any here (other sites, other years)
// are not in any draw.

class Lcg {
  constructor(seed) { this.s = BigInt.asUintN(64, BigInt(seed)); }
  // Uniform integer in [0, n): the generator's high 32 bits, scaled.
  below(n) {
    this.s = BigInt.asUintN(64, this.s * 6364136223846793005n + 1442695040888963407n);
    return Math.floor(Number(this.s >> 32n) / 4294967296 * n);
  }
}

/**
 * @param {object[]} rows
 * @param {(row: object) => string} groupOf  the unit drawn (an author)
 * @param {(rows: object[]) => Record<string, number|null>} statistic
 * @param {{replicates?: number, seed?: number, level?: number}} [options]
 * @returns {Record<string, [number, number] | null>} per key, the central `level` interval
 */
export function groupedBootstrap(rows, groupOf, statistic, { replicates = 200, seed = 0x6e6f74, level = 0.9 } = {}) {
  const groups = new Map();
  for (const r of rows) {
    const g = groupOf(r);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(r);
  }
  const units = [...groups.values()];
  const rng = new Lcg(seed);
  const samples = {};
  for (let k = 0; k < replicates; k++) {
    const sample = [];
    for (let i = 0; i < units.length; i++) {
      const u = units[rng.below(units.length)];
      for (let j = 0; j < u.length; j++) sample.push(u[j]);
    }
    for (const [key, value] of Object.entries(statistic(sample))) {
      (samples[key] ??= []);
      if (value != null && Number.isFinite(value)) samples[key].push(value);
    }
  }
  const out = {};
  const tail = (1 - level) / 2;
  for (const [key, values] of Object.entries(samples)) {
    if (values.length < replicates / 2) { out[key] = null; continue; }
    values.sort((a, b) => a - b);
    const at = (q) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
    out[key] = [at(tail), at(1 - tail)];
  }
  return out;
}
