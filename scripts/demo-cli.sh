#!/usr/bin/env bash
# The CLI part of the demo: label a small timeline, explain one post, audit one account.
set -euo pipefail
cd "$(dirname "$0")/.."
nw=build/native/notwork
echo "\$ notwork score examples/timeline.jsonl   (label per post)"
"$nw" score examples/timeline.jsonl | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
  for (const p of lines) {
    const top = p.reasons.filter(r => r.contribution > 0).slice(0, 2).map(r => r.principle + " " + r.rule).join(", ");
    console.log(`  ${p.label.padEnd(14)} @${(p.author || "").padEnd(15)} ${p.text.slice(0, 60).replace(/\n/g, " ")}…  [${top}]`);
  }'
echo
echo "\$ notwork explain \"New post: Why Rust is eating the world... https://techdigest.example/p/rust #rss\""
"$nw" explain "New post: Why Rust is eating the world of embedded... https://techdigest.example/p/rust #rss"
echo
if [ -f tests/cli/data/outbox.json ]; then
  echo "\$ notwork audit tests/cli/data/outbox.json   (a Mastodon account export)"
  "$nw" audit tests/cli/data/outbox.json
fi
