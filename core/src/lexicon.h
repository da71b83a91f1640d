// Lexicons: lists of RE2 patterns. The built-in lexicons that read a post's text or its own
// words are screened together: ONE RE2::Set pass per text and post (LexiconScan), whatever
// the number of rules. The individual pattern runs only for an entry that matched, to quote
// the phrase in a reason's detail.
//
// Compilation is lazy: a lexicon compiles its own RE2::Set on its first match (a lexicon
// in the shared scan never needs it, except when the shared set cannot run), and each
// pattern alone on the first time its phrase is quoted. Creating an engine therefore
// compiles only the shared sets (a third of the work of compiling every pattern three
// times), which matters in WebAssembly where start-up runs in V8's baseline tier.
// Lazy members are guarded by std::call_once: built-in lexicons are shared by all engines.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace notwork {

// What a lexicon is matched against. Text and OwnWords lexicons take part in the shared scan;
// Other lexicons (link targets, names, clients, custom patterns) match on demand.
enum class Field { Text, OwnWords, Other };
constexpr int kScannedFields = 2;  // Text, OwnWords

class Lexicon {
 public:
  // Patterns are RE2 syntax, matched case-insensitively (unless they say otherwise).
  // Nothing is compiled yet (see ok()).
  explicit Lexicon(const std::vector<std::string>& patterns, bool case_sensitive = false,
                   int64_t max_mem = 8 << 20, Field field = Field::Other);
  // Indices of matching patterns, ascending. Returns false when none matched.
  bool match(std::string_view text, std::vector<int>* hits) const;
  bool any(std::string_view text) const;
  // The text matched by pattern i (first occurrence), or "" when it does not match.
  std::string phrase(std::string_view text, int i) const;
  size_t size() const { return patterns_.size(); }
  const std::vector<std::string>& patterns() const { return patterns_; }
  // Whether every pattern compiles and the set fits its memory budget. Compiles the
  // lexicon's own set (once): call it to compile up front, or to validate.
  bool ok() const;
  // Gives pattern i its compiled RE2 (the same pattern, compiled with options that match the
  // same: a configuration's check, notwork/config.h), so that quoting it compiles nothing.
  // Before any use of the lexicon; a pattern already compiled keeps its own.
  void adopt(int i, std::unique_ptr<RE2> re);
  Field field() const { return field_; }
  int slot() const { return slot_; }  // position in the shared scan; -1 when not in it

 private:
  friend class LexiconBank;
  const RE2& pattern(int i) const;  // compiled on first use
  RE2::Options options_;
  std::vector<std::string> patterns_;
  Field field_;
  int slot_ = -1;
  // Lazily compiled (ok(), pattern()).
  mutable std::once_flag set_once_;
  mutable std::unique_ptr<RE2::Set> set_;
  mutable bool ok_ = false;
  mutable std::unique_ptr<std::once_flag[]> each_once_;
  mutable std::vector<std::unique_ptr<RE2>> each_;
};

// Every Text/OwnWords lexicon of the built-in rules, as one RE2::Set per field — or a few
// ("parts", NOTWORK_SHARED_SET_PARTS per field, default 1), whose union matches exactly the
// same: more parts mean shorter compile steps (a web page's main thread must not block for
// long) for a little more scanning per post. Lexicons join before the first
// compile_next(); built once per process (builtin_rules() joins them, prepare_step()
// compiles them), immutable afterwards.
#ifndef NOTWORK_SHARED_SET_PARTS
#define NOTWORK_SHARED_SET_PARTS 1
#endif
constexpr int kPartsPerField = NOTWORK_SHARED_SET_PARTS;
static_assert(kPartsPerField >= 1 && kPartsPerField <= 4, "1 to 4 shared sets per field");
constexpr int kMaxParts = kScannedFields * kPartsPerField;

class LexiconBank {
 public:
  static LexiconBank& instance();
  void join(Lexicon* lexicon);  // gives it a slot (before the first compile_next())
  // Does the next step of compiling the shared sets — per part: parse its patterns, then
  // compile them into one set — so start-up can be spread out; returns how many steps remain
  // (0: all compiled). Patterns that do not compile (none, normally) are added to `failures`.
  int compile_next(std::vector<std::string>* failures);
  static constexpr int kCompileSteps = 2 * kMaxParts;

 private:
  friend class LexiconScan;
  struct Entry {
    int slot;  // lexicon
    int term;  // pattern index within it
  };
  struct Part {
    std::unique_ptr<RE2::Set> set;
    std::vector<Entry> entries;   // set index -> (lexicon, term)
    std::vector<int> lexicons;    // slots of this part's lexicons
    bool added_ok = true;         // every pattern parsed
    bool ok = false;
  };
  void plan();  // shares each field's lexicons out among its parts, by pattern count
  std::vector<Lexicon*> lexicons_;
  Part parts_[kMaxParts];         // field f: parts f*kPartsPerField ... (f+1)*kPartsPerField-1
  int next_step_ = 0;             // compile_next() steps done
};

// What the shared sets found in one post, before it is sorted out by lexicon: kept per
// post when a batch is screened ahead of its rules (Engine::score_all).
struct ScanMatches {
  std::vector<int> ids[kMaxParts];  // matching entries of each part's set, ascending
  bool fallback[kMaxParts] = {};    // the set could not run: match lexicon by lexicon
};

// The shared scan of one post: which terms of every scanned lexicon matched. Reused from
// post to post (no allocation once warm).
class LexiconScan {
 public:
  // Screens `text` and `own_words` (one RE2::Set pass each).
  void run(std::string_view text, std::string_view own_words);
  // The same in two steps: screen() only reads the shared sets (any post, any time);
  // load() makes its matches this scan's hits.
  static void screen(std::string_view text, std::string_view own_words, ScanMatches* out);
  void load(const ScanMatches& matches, std::string_view text, std::string_view own_words);
  // Ascending indices of the lexicon's matching terms (for a lexicon in the scan).
  const std::vector<int>& hits(const Lexicon& lexicon) const;

 private:
  std::vector<std::vector<int>> hits_;
  ScanMatches matches_;
};

}  // namespace notwork
