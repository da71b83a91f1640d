// P2 Mostly your own stuff: a call to action aimed at the reader — subscribe, follow me,
// click, visit my…, download, sign up, call now, "txt STOP to 80082", "link in bio" — is
// how an advertisement talks, not how a person shares. Words in en, es, pt, fr, de and it
// (core/src/lexicons/<lang>/cta.inc); silent in other languages.
#include "rule.h"
#include "single_post.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kCta = {
#include "lexicons/en/cta.inc"
#include "lexicons/es/cta.inc"
#include "lexicons/pt/cta.inc"
#include "lexicons/fr/cta.inc"
#include "lexicons/de/cta.inc"
#include "lexicons/it/cta.inc"
};

// Shared by CallToAction and calls_to_action() (built with the rules, so it joins the scan).
const Lexicon& cta_lexicon() {
  static const Lexicon* lex = make_lexicon(kCta, Field::Text).release();
  return *lex;
}

class CallToAction : public BasicRule {
 public:
  CallToAction()
      : BasicRule({"P2.call_to_action", "P2", Label::PurePromo, 1.0,
                   "Calls the reader to act: subscribe, follow, click, visit, download, sign up, "
                   "call now, “link in bio” (P2; words in en, es, pt, fr, de, it)",
                   Scope::Post}) {
    cta_lexicon();
  }
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind == Kind::Invitation) return;
    std::string phrase;
    double total = 0;
    if (strongest(cta_lexicon(), kCta, in, &phrase, &total, 1.6) <= 0) return;
    double s = in.f.links.empty() ? total * 0.7 : total;
    if (in.f.retweet || in.post.is_repost) s *= 0.5;  // someone else's call, passed on
    out.add(s, "call to action " + quoted(phrase) + (in.f.links.empty() ? "" : " with a link"));
  }
};

}  // namespace

bool calls_to_action(const RuleInput& in) { return any(cta_lexicon(), in); }

void add_cta_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<CallToAction>());
}

}  // namespace notwork::rules
