#include "notwork/engine.h"

#include <algorithm>
#include <cmath>

#include "lexicon.h"
#include "notwork/weights.h"
#include "util.h"

namespace notwork {

const char* scope_name(Scope scope) {
  switch (scope) {
    case Scope::Post: return "post";
    case Scope::Context: return "context";
    case Scope::Account: return "account";
  }
  return "post";
}

void Hits::add(Label label, double strength, std::string detail) {
  if (strength == 0 || label == Label::Neutral) return;
  items_.push_back(Hit{label, strength, std::move(detail)});
}

double squash(double evidence) { return evidence > 0 ? evidence / (1.0 + evidence) : 0.0; }

double round4(double x) {
  double r = std::round(x * 10000.0) / 10000.0;
  return r == 0 ? 0.0 : r;  // no "-0"
}

std::string author_key(const Post& post) {
  if (!post.author.empty()) return post.site + "\x1f@" + ascii_lower(post.author);
  if (!post.author_name.empty()) return post.site + "\x1fname:" + post.author_name;
  return "";
}

// Custom patterns: all screened in one RE2::Set pass; each is its own rule in reasons.
struct Engine::CustomSet {
  std::vector<CustomPattern> patterns;
  std::shared_ptr<const Lexicon> lexicon;  // may be the configuration's own (compiled_patterns)
};

// score_all's per-post stages, kept from batch to batch so that their strings and lists
// keep their capacity (a warm batch allocates little besides its results).
struct Engine::Batch {
  std::vector<Features> features;
  std::vector<ScanMatches> matches;
  std::vector<Result> results;
  Hits hits{Label::Neutral};  // one rule's hits at a time
};

Engine::Engine() : scan_(std::make_unique<LexiconScan>()), batch_(std::make_unique<Batch>()) {
  while (prepare_step() > 0) {
  }
  apply(Config());
}
Engine::~Engine() = default;

double default_weight(const RuleInfo& info) {
  const LabelWeights& lw = shipped_weights().labels[static_cast<int>(info.label)];
  if (!lw.fitted) return info.weight;
  auto it = lw.weights.find(info.id);
  return it == lw.weights.end() ? 0.0 : it->second;
}

const Weights& Engine::weights() const {
  return config_.has_weights ? config_.weights : shipped_weights();
}

// Each rule's weight per label. On a fitted label it is the fitted weight for that rule
// (0 when the fit gave it none); on a label the fit does not cover, the rule's hand weight.
// A user's weight for a rule (config.rules) scales all of the rule's weights by
// user / default, so the rule's balance between labels stays as fitted; a rule whose
// default is 0 gets the user's weight on its own label.
void Engine::apply(const Config& config) {
  config_ = config;
  active_.clear();
  const Weights& w = weights();
  for (const auto& rule : builtin_rules()) {
    const RuleInfo& info = rule->info();
    Active a{rule.get(), {0, 0, 0, 0}};
    for (int l = 0; l < kLabelCount; ++l) {
      const LabelWeights& lw = w.labels[l];
      if (!lw.fitted) {
        a.weight[l] = info.weight;
        continue;
      }
      auto it = lw.weights.find(info.id);
      a.weight[l] = it == lw.weights.end() ? 0.0 : it->second;
    }
    const int own = static_cast<int>(info.label);
    const double dflt = a.weight[own];
    auto it = config.rules.find(info.id);
    if (it != config.rules.end()) {
      if (!it->second.enabled) continue;
      const double user = it->second.weight;
      if (dflt > 0) {
        for (double& x : a.weight) x = x * user / dflt;
      } else {
        a.weight[own] = user;
      }
    }
    bool any = false;
    for (double x : a.weight) any = any || x > 0;
    if (any) active_.push_back(a);
  }
  custom_ = std::make_unique<CustomSet>();
  custom_->patterns = config.patterns;
  if (!config.patterns.empty()) {
    std::vector<std::string> list;
    for (const auto& p : config.patterns) list.push_back(p.pattern);
    if (config.compiled_patterns && config.compiled_patterns->patterns() == list) {
      custom_->lexicon = config.compiled_patterns;  // compiled when parse_config checked them
    } else {
      auto lexicon = std::make_shared<Lexicon>(list, /*case_sensitive=*/true, kPatternMaxMem * 16);
      lexicon->ok();  // compiled now, at configuration time, not on the first post
      custom_->lexicon = std::move(lexicon);
    }
  }
  context_.set_limits(static_cast<size_t>(config.max_authors),
                      static_cast<size_t>(config.max_posts_per_author),
                      static_cast<size_t>(config.max_comments));
}

std::string custom_rule_id(const CustomPattern& p, size_t index) {
  return "custom." + (p.id.empty() ? std::to_string(index) : p.id);
}

Result Engine::score(const Post& post) {
  const Features f = extract_features(post);
  scan_->run(f.text, f.own_words);
  Result result;
  judge(post, f, &result);
  return result;
}

const std::vector<Result>& Engine::score_all(const std::vector<Post>& posts) {
  std::vector<Features>& features = batch_->features;
  if (features.size() < posts.size()) features.resize(posts.size());
  for (size_t i = 0; i < posts.size(); ++i) extract_features(posts[i], &features[i]);
  std::vector<ScanMatches>& matches = batch_->matches;
  if (matches.size() < posts.size()) matches.resize(posts.size());
  for (size_t i = 0; i < posts.size(); ++i)
    LexiconScan::screen(features[i].text, features[i].own_words, &matches[i]);
  std::vector<Result>& results = batch_->results;
  if (results.size() > posts.size()) results.resize(posts.size());
  for (size_t i = 0; i < posts.size(); ++i) {
    scan_->load(matches[i], features[i].text, features[i].own_words);
    if (i == results.size()) results.emplace_back();
    judge(posts[i], features[i], &results[i]);
  }
  return results;
}

namespace {
// The next reason of `result`: reuses the strings of a reason left from an earlier post.
Reason& next_reason(Result& result, size_t* n) {
  if (*n == result.reasons.size()) result.reasons.emplace_back();
  return result.reasons[(*n)++];
}

// Strongest first (a stable insertion sort: a post has a handful of reasons, and unlike
// std::stable_sort it needs no buffer).
NOTWORK_NOINLINE void sort_reasons(std::vector<Reason>* list) {
  auto before = [](const Reason& a, const Reason& b) {
    double x = std::fabs(a.contribution), y = std::fabs(b.contribution);
    if (x != y) return x > y;
    if (a.rule != b.rule) return a.rule < b.rule;
    return a.detail < b.detail;
  };
  std::vector<Reason>& reasons = *list;
  for (size_t i = 1; i < reasons.size(); ++i) {
    for (size_t j = i; j > 0 && before(reasons[j], reasons[j - 1]); --j) std::swap(reasons[j], reasons[j - 1]);
  }
}
}  // namespace

// The built-in rules' reasons for a post (from reason_count on; their evidence added per label).
NOTWORK_NOINLINE void Engine::apply_rules(const RuleInput& in, Result* out, size_t* reason_count,
                                          double* evidence) {
  Result& result = *out;
  Hits& hits = batch_->hits;
  for (const Active& a : active_) {
    const RuleInfo& info = a.rule->info();
    hits.reset(info.label);
    a.rule->check(in, hits);
    for (auto& h : hits.take()) {
      double c = round4(a.weight[static_cast<int>(h.label)] * h.strength);
      if (c == 0) continue;
      evidence[static_cast<int>(h.label)] += c;
      Reason& r = next_reason(result, reason_count);
      r.rule = info.id;
      r.principle = info.principle;
      r.label = h.label;
      r.contribution = c;
      r.detail = std::move(h.detail);
    }
  }
}

void Engine::judge(const Post& post, const Features& f, Result* out) {
  const std::string key = author_key(post);
  const History* history = key.empty() ? nullptr : context_.find(key, Fingerprint::identity_of(post, f));
  const uint64_t author_hash = key.empty() ? 0 : fnv1a(key);
  RuleInput in{post, f, history, &context_.comments(), author_hash, scan_.get(), {}};

  Result& result = *out;
  result.label = Label::Neutral;
  size_t reason_count = 0;  // result.reasons beyond it are left from an earlier post
  double evidence[kLabelCount] = {0, 0, 0, 0};
  apply_rules(in, &result, &reason_count, evidence);
  if (custom_ && custom_->lexicon) add_custom_reasons(f, &result, &reason_count, evidence);
  result.reasons.resize(reason_count);

  double best = -1;
  const Weights& w = weights();
  for (int i = 0; i < kLabelCount; ++i) {
    const LabelWeights& lw = w.labels[i];
    const double bias = post.kind == Kind::Comment ? lw.bias + lw.comment_bias : lw.bias;
    result.scores[i] = round4(lw.fitted ? sigmoid(bias + evidence[i]) : squash(evidence[i]));
    if (result.scores[i] >= config_.thresholds[i] && result.scores[i] > 0 && result.scores[i] > best) {
      best = result.scores[i];
      result.label = static_cast<Label>(i);
    }
  }
  sort_reasons(&result.reasons);

  // A draft is scored against the author's context but never becomes part of it: the
  // composer re-scores it on every pause while the user types, and it is not a post yet.
  if (post.kind != Kind::Draft) remember(post, f, key, author_hash, result.label);
}

// Custom patterns (one RE2::Set screen), each match its own reason.
NOTWORK_NOINLINE void Engine::add_custom_reasons(const Features& f, Result* out, size_t* reason_count,
                                                 double* evidence) const {
  Result& result = *out;
  std::vector<int> matched;
  if (!custom_->lexicon->match(f.text, &matched)) return;
  for (int i : matched) {
    const CustomPattern& p = custom_->patterns[static_cast<size_t>(i)];
    double c = round4(p.weight);
    if (c == 0) continue;
    evidence[static_cast<int>(p.label)] += c;
    std::string detail = p.description.empty() ? "matches your pattern" : clip(p.description, 60);
    detail += " " + quoted(custom_->lexicon->phrase(f.text, i));
    Reason& r = next_reason(result, reason_count);
    r.rule = custom_rule_id(p, static_cast<size_t>(i));
    r.principle = p.principle.empty() ? natural_principle(p.label) : p.principle;
    r.label = p.label;
    r.contribution = c;
    r.detail = std::move(detail);
  }
}

NOTWORK_NOINLINE void Engine::remember(const Post& post, const Features& f, const std::string& key,
                      uint64_t author_hash, Label label) {
  Fingerprint fp = Fingerprint::of(post, f);
  fp.label = label;
  fp.author_hash = author_hash;
  if (!key.empty()) context_.record(key, fp);
  if (post.kind == Kind::Comment) context_.record_comment(fp);
}

}  // namespace notwork
