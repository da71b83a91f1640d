// The rule engine, in the style of SpamAssassin/Rspamd: every rule has an id, a principle
// (P1..P18), the label it speaks for, a default weight and a one-line description. A rule
// emits hits (strength + short detail); contribution = weight x strength, per label.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "notwork/config.h"
#include "notwork/context.h"
#include "notwork/features.h"
#include "notwork/post.h"

namespace notwork {

class LexiconScan;
struct Weights;

enum class Scope { Post, Context, Account };
const char* scope_name(Scope scope);

struct RuleInfo {
  std::string id;           // "P3.feed_footprint"
  std::string principle;    // "P3"
  Label label;              // the label it speaks for
  double weight;            // hand-set weight, used where `label` is not fitted; the
                            // default a user sees is default_weight() below
  std::string description;  // one friendly line, principle shown
  Scope scope;
};

// What a rule sees: the post, its features and (for context rules) the author's history.
struct RuleInput {
  const Post& post;
  const Features& f;
  const History* history;   // the author's earlier posts; nullptr when unknown/no author
  const CommentRing* comments;  // recent comments from everyone (cross-author); may be empty
  uint64_t author_hash = 0; // hash of author_key(post); 0 when there is no author
  const LexiconScan* scan = nullptr;  // the built-in lexicons screened over this post, once
  // Facts several rules ask about, worked out on first use (rules/rule.h).
  struct Memo {
    bool credit_known = false;
    std::string credited;  // credited_person()
  };
  mutable Memo memo;
};

class Hits {
 public:
  struct Hit {
    Label label;
    double strength;  // may be negative: evidence against the label
    std::string detail;
  };
  explicit Hits(Label label) : label_(label) {}
  void add(double strength, std::string detail) { add(label_, strength, std::move(detail)); }
  void add(Label label, double strength, std::string detail);
  const std::vector<Hit>& items() const { return items_; }
  std::vector<Hit>& take() { return items_; }  // the engine moves the details out
  void clear() { items_.clear(); }
  void reset(Label label) { label_ = label; items_.clear(); }

 private:
  Label label_;
  std::vector<Hit> items_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const RuleInput& in, Hits& out) const = 0;
};

// A rule's default weight on its own label: the shipped fitted weight (notwork/weights.h)
// when that label is fitted, else its hand-set weight.
double default_weight(const RuleInfo& info);

// Every built-in rule, compiled once per process (immutable, shared by all engines).
const std::vector<std::unique_ptr<Rule>>& builtin_rules();
// Rule ids that left the catalogue (merged into another rule or removed: docs/rules.md). A
// configuration that still names one (a user's stored settings, an old --config file) is
// accepted: that setting has no effect, and nothing else in the document is lost.
const std::vector<std::string>& retired_rules();
bool is_retired_rule(const std::string& id);
// Built-in patterns that failed to compile; empty unless the rule set itself is broken.
// (Compiles every built-in pattern, for tests.)
std::vector<std::string> builtin_pattern_failures();

// The one-time, process-wide start-up — building the rules, compiling their shared lexicon
// sets (one per step) and the feature patterns — one step per call. Returns how many steps
// remain (0: all done). Optional: the first Engine does whatever is left. It lets a caller
// that must not block for long (a web page's main thread) spread the work over idle periods.
// Thread-safe.
int prepare_step();

struct Reason {
  std::string rule;
  std::string principle;
  Label label;
  double contribution;  // rounded to 4 decimals
  std::string detail;
};

struct Result {
  Label label = Label::Neutral;
  double scores[kLabelCount] = {0, 0, 0, 0};  // rounded to 4 decimals
  std::vector<Reason> reasons;                 // by |contribution|, largest first
};

// Evidence -> score in 0..1 without transcendental functions: x / (1 + x).
double squash(double evidence);
double round4(double x);

class Engine {
 public:
  Engine();
  ~Engine();
  // Applies an already validated configuration (compiles custom patterns).
  void apply(const Config& config);
  const Config& config() const { return config_; }
  // The weights in force: the configuration's own (a fit's fold) or the shipped ones.
  const Weights& weights() const;
  // Scores one post with the per-author context, then records it in the context (drafts
  // are scored against the context but never recorded: they are not posts yet).
  Result score(const Post& post);
  // Scores posts in order, with exactly the results of score() called on each in turn.
  // The work that does not depend on the context (features, the lexicon scan) is done for
  // the whole batch first, stage by stage, so each stage's tables (RE2's DFA states, a few
  // MB) stay in the CPU caches; then the rules run post by post. The results are the
  // engine's own, reused by the next call (their strings keep their capacity): valid until
  // the next score_all().
  const std::vector<Result>& score_all(const std::vector<Post>& posts);
  void reset_context() { context_.clear(); }
  const ContextStore& context() const { return context_; }
  ContextStore& context() { return context_; }  // the author memory's import (core/src/state.h)

 private:
  struct Active {
    const Rule* rule;
    double weight[kLabelCount];  // per label its hits may speak for (see apply())
  };
  struct CustomSet;
  // Records a scored post in its author's history (and a comment in the comment ring).
  void remember(const Post& post, const Features& f, const std::string& key, uint64_t author_hash,
                Label label);
  // The built-in rules' reasons for a post (appended after reason_count; their evidence
  // added per label).
  void apply_rules(const RuleInput& in, Result* out, size_t* reason_count, double* evidence);
  // The custom patterns' reasons for a post (appended after reason_count; their evidence
  // added per label).
  void add_custom_reasons(const Features& f, Result* out, size_t* reason_count,
                          double* evidence) const;
  // The rules and the context, for a post whose features are `f` and whose lexicon scan
  // is loaded in scan_. Fills *out (whose reasons' strings are reused).
  void judge(const Post& post, const Features& f, Result* out);
  Config config_;
  std::vector<Active> active_;          // enabled built-in rules
  std::unique_ptr<CustomSet> custom_;   // custom patterns (one RE2::Set)
  std::unique_ptr<LexiconScan> scan_;   // reused from post to post
  struct Batch;                         // score_all's per-post stages and results, reused
  std::unique_ptr<Batch> batch_;
  ContextStore context_;
};

// "custom.<id>" or "custom.<index>".
std::string custom_rule_id(const CustomPattern& p, size_t index);

// Author key for context: site + handle (or display name); empty when there is no author.
std::string author_key(const Post& post);

}  // namespace notwork
