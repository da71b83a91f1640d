// Notwork's JSON-in / JSON-out facade. The CLI and the WebAssembly exports use only this,
// so native and wasm run the same code path. Contracts: docs/ARCHITECTURE.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace notwork {

class Engine;

// An engine with its configuration and its bounded per-author context.
class Session {
 public:
  Session();
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // Validates and applies a configuration document. Returns {"ok":bool,"errors":[...]}.
  // On any error nothing is applied: the previous configuration stays.
  std::string configure(std::string_view config_json);

  // Scores a JSON array of posts in order, with per-author context carried across
  // calls. Returns a JSON array of results (same length and order). Throws
  // std::invalid_argument with a plain message when the input is not an array of
  // objects with a string "text".
  std::string score_batch(std::string_view posts_json);

  // Audits one author's posts (a JSON array) with a fresh context; returns the report.
  std::string audit(std::string_view posts_json) const;

  // Forgets every author's context (e.g. on navigation).
  void reset_context();

  // Author memory (docs/ARCHITECTURE.md, "Author memory"): the per-author context as a
  // versioned, bounded, deterministic document — hashes, MinHash signatures, times, shape
  // flags and labels of each author's recent posts, never their text. Options (JSON, every
  // key optional): {"now": seconds since 1970 (default: the newest post time seen),
  // "max_authors", "max_posts_per_author", "max_comments", "max_bytes"}. Posts older than
  // 30 days before "now" are left out. Throws std::invalid_argument for bad options.
  std::string export_state(std::string_view options_json = {}) const;
  // Checks a state document as a whole and only then replaces the context with it (or, with
  // {"merge": true}, adds the authors the context does not know, after its own). Options:
  // {"now", "max_authors", "max_bytes" (refused above; default 16 MiB), "merge"}. Returns
  // {"ok":bool,"error":"...","authors":n,"posts":n,"comments":n,"expired":n}; a corrupt,
  // truncated, foreign or oversized state is refused and changes nothing.
  std::string import_state(std::string_view state, std::string_view options_json = {});

  // The engine behind the facade, for core code that scores posts it has already parsed
  // (notwork/scored_lines.h, the CLIs' hot path). Everything else uses the JSON methods.
  Engine& engine() { return *engine_; }

 private:
  std::unique_ptr<Engine> engine_;
};

// The process-wide start-up in steps (rules, shared lexicon sets, patterns): does the next
// one and returns how many remain, 0 when all are done. Optional — the first Session does
// whatever is left — for callers that must not block for long (notwork/engine.h).
int prepare_step();

std::string validate_config(std::string_view config_json);  // {"ok","errors"}
std::string validate_pattern(std::string_view pattern);     // {"ok","error"}
std::string catalogue();                                    // rules, labels, thresholds
std::string default_config();                               // the defaults as a config document

}  // namespace notwork
