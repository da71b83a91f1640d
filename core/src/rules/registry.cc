// The catalogue of built-in rules, in display order (by principle).
#include <mutex>

#include "rule.h"

namespace notwork {

const std::vector<std::unique_ptr<Rule>>& builtin_rules() {
  static const std::vector<std::unique_ptr<Rule>>* all = [] {
    auto* v = new std::vector<std::unique_ptr<Rule>>();
    rules::add_own_domain_rules(*v);
    rules::add_sales_rules(*v);
    rules::add_reader_pitch_rules(*v);
    rules::add_feed_rules(*v);
    rules::add_title_link_rules(*v);
    rules::add_headline_rules(*v);
    rules::add_section_tag_rules(*v);
    rules::add_share_footprint_rules(*v);
    rules::add_template_rules(*v);
    rules::add_unread_rules(*v);
    rules::add_promo_dm_rules(*v);
    rules::add_sponsored_rules(*v);
    rules::add_affiliate_rules(*v);
    rules::add_duplicate_rules(*v);
    rules::add_burst_rules(*v);
    rules::add_vain_reshare_rules(*v);
    rules::add_cross_post_rules(*v);
    rules::add_link_only_rules(*v);
    rules::add_invitation_rules(*v);
    rules::add_voice_rules(*v);
    rules::add_generosity_rules(*v);
    rules::add_converses_rules(*v);
    rules::add_genuine_share_rules(*v);
    rules::add_comment_spam_rules(*v);
    rules::add_mention_rules(*v);
    rules::add_disguise_rules(*v);
    rules::add_blog_comment_rules(*v);
    rules::add_own_feed_rules(*v);
    // Every scanned lexicon has joined. Nothing is compiled yet: the shared sets in
    // prepare_step(), the lexicons' own sets and single patterns on first use (lexicon.h).
    return v;
  }();
  return *all;
}

const std::vector<std::string>& retired_rules() {
  // P2.call_to_action: merged into P17.call_to_reader. P3.link_first, P3.truncated_title:
  // signs of P3.headline_shape. P3.template, P12.link_only_streak: removed (no fitted weight).
  static const std::vector<std::string> retired = {"P2.call_to_action", "P3.link_first",
                                                   "P3.truncated_title", "P3.template",
                                                   "P12.link_only_streak"};
  return retired;
}

bool is_retired_rule(const std::string& id) {
  for (const std::string& r : retired_rules())
    if (r == id) return true;
  return false;
}

namespace {
// Steps of the start-up: the rules; parsing, then compiling each field's shared lexicon set;
// the link patterns; the credit pattern. Each is a fraction of the whole (a page's idle slot).
constexpr int kPrepareSteps = 1 + LexiconBank::kCompileSteps + 2;
int prepared_steps = 0;
std::mutex& prepare_mutex() {
  static std::mutex* m = new std::mutex();
  return *m;
}
}  // namespace

int prepare_step() {
  std::lock_guard<std::mutex> lock(prepare_mutex());
  if (prepared_steps == kPrepareSteps) return 0;
  const int step = prepared_steps;
  if (step == 0) {
    builtin_rules();
  } else if (step <= LexiconBank::kCompileSteps) {
    LexiconBank::instance().compile_next(&rules::lexicon_failures());
  } else if (step == LexiconBank::kCompileSteps + 1) {
    prepare_features();
  } else {
    rules::prepare_credit();
  }
  ++prepared_steps;
  return kPrepareSteps - prepared_steps;
}

std::vector<std::string> builtin_pattern_failures() {
  while (prepare_step() > 0) {
  }
  std::vector<std::string> failures = rules::lexicon_failures();
  // Compiles what start-up leaves for later, so a broken pattern shows up here (tests).
  for (const Lexicon* lex : rules::built_lexicons()) {
    if (lex->ok()) continue;
    const size_t before = failures.size();
    for (const std::string& p : lex->patterns())
      if (!Lexicon({p}).ok()) failures.push_back(p);
    if (failures.size() == before) failures.push_back("(a lexicon's set as a whole)");
  }
  return failures;
}

namespace rules {

std::vector<std::string>& lexicon_failures() {
  static std::vector<std::string> failures;
  return failures;
}

std::vector<const Lexicon*>& built_lexicons() {
  static std::vector<const Lexicon*> all;
  return all;
}

std::unique_ptr<Lexicon> make_lexicon(const std::vector<Term>& terms, Field field, bool shared) {
  std::vector<std::string> patterns;
  patterns.reserve(terms.size());
  for (const Term& t : terms) patterns.emplace_back(t.pattern);
  auto lex = std::make_unique<Lexicon>(patterns, false, 8 << 20, field);
  if (shared) LexiconBank::instance().join(lex.get());
  built_lexicons().push_back(lex.get());  // built-in lexicons live as long as the process
  return lex;
}

namespace {
// The strongest of the matched terms (0 if none), its phrase in `text`, the capped sum.
double strongest_of(const std::vector<int>& hits, const Lexicon& lex, const std::vector<Term>& terms,
                    std::string_view text, std::string* phrase, double* total, double cap) {
  if (hits.empty()) {
    if (total) *total = 0;
    return 0;
  }
  double best = 0, sum = 0;
  int best_i = -1;
  for (int i : hits) {
    double s = terms[static_cast<size_t>(i)].strength;
    sum += s;
    if (best_i < 0 || s > best) {
      best = s;
      best_i = i;
    }
  }
  if (phrase) *phrase = lex.phrase(text, best_i);
  if (total) *total = sum < cap ? sum : cap;
  return best;
}

std::string_view field_text(const Lexicon& lex, const RuleInput& in) {
  return lex.field() == Field::OwnWords ? std::string_view(in.f.own_words) : std::string_view(in.f.text);
}
}  // namespace

double strongest(const Lexicon& lex, const std::vector<Term>& terms, std::string_view text,
                 std::string* phrase, double* total, double cap) {
  // Most texts match nothing: an early-exit screen first (no list of matches to build).
  if (!lex.any(text)) {
    if (total) *total = 0;
    return 0;
  }
  std::vector<int> hits;
  lex.match(text, &hits);
  return strongest_of(hits, lex, terms, text, phrase, total, cap);
}

double strongest(const Lexicon& lex, const std::vector<Term>& terms, const RuleInput& in,
                 std::string* phrase, double* total, double cap) {
  const std::string_view text = field_text(lex, in);
  if (!in.scan || lex.slot() < 0) return strongest(lex, terms, text, phrase, total, cap);
  return strongest_of(in.scan->hits(lex), lex, terms, text, phrase, total, cap);
}

bool any(const Lexicon& lex, const RuleInput& in) {
  if (!in.scan || lex.slot() < 0) return lex.any(field_text(lex, in));
  return !in.scan->hits(lex).empty();
}

bool is_comment(const Post& p) { return p.kind == Kind::Comment; }

bool is_response(const Post& p, const Features& f) {
  return p.kind == Kind::Comment || p.is_reply || (f.starts_with_mention && !f.retweet);
}

bool link_is_own(const Link& l, const Post&) { return l.own; }

bool is_pingback(const Post& p) {
  if (p.source_client.size() < 8) return false;
  const std::string client = ascii_lower(p.source_client);
  return client == "pingback" || client == "trackback";
}

bool links_to_others(const Features& f, const Post&) {
  for (const Link& l : f.links)
    if (!l.own) return true;
  return false;
}

}  // namespace rules
}  // namespace notwork
