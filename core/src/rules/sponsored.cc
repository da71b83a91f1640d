// P6 Sponsored posts: paid placements are promotion, whatever else they say.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kSponsored = {
    {R"((?:^|\s)#(?:ad|ads|advert|advertisement|sponsored|spon|sp|paid|paidpost|partner|gifted|promo)\b)", 1.0},
    {R"(\bpaid (?:partnership|promotion|post|placement)\b)", 1.0},
    {R"(\bsponsored (?:by|post|content|tweet|link)\b|\bthis post is sponsored\b)", 1.0},
    {R"(\bin (?:paid )?partnership with\b|\bbrand ambassador\b|\bpromoted by\b)", 0.8},
    {R"(\b(?:sponsoredtweets|izea|ad\.ly|magpie|revtwt|paid ?per ?tweet)\b)", 1.0},
    {R"(\bspon(?:s)?\)|\(ad\)|\[ad\])", 1.0},
};

class Sponsored : public BasicRule {
 public:
  Sponsored()
      : BasicRule({"P6.sponsored", "P6", Label::PurePromo, 2.0,
                   "Marked as a paid or sponsored placement (P6)", Scope::Post}),
        lex_(make_lexicon(kSponsored, Field::Text)) {}
  void check(const RuleInput& in, Hits& out) const override {
    std::string phrase;
    double s = strongest(*lex_, kSponsored, in, &phrase);
    if (s > 0) out.add(s, "sponsorship marker " + quoted(phrase));
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_sponsored_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Sponsored>());
}

}  // namespace notwork::rules
