// P5 Promotional direct messages: a DM that sells or promotes instead of talking.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kPromo = {
    {R"(\bcheck (?:out|my)\b|\btake a look at\b|\bhave a look at\b)", 1.0},
    {R"(\bmy (?:new )?(?:book|course|podcast|channel|shop|store|product|webinar|newsletter|app|service|page|blog|website|site|album|ebook|program+e?)\b)", 1.0},
    {R"(\b(?:buy|purchase|order|discount|offer|deal|promo|coupon|sale|pricing|price)\b)", 1.0},
    {R"(\b(?:sign up|subscribe|register|join (?:my|our)|follow (?:me|us)|like (?:my|our) page)\b)", 1.0},
    {R"(\b(?:our|my) (?:services|solutions|agency|company|team can)\b|\bhire\b|\bquote\b)", 0.8},
    {R"(\bthanks? (?:you )?for (?:the )?follow(?:ing)?\b)", 0.6},
};

class PromoDm : public BasicRule {
 public:
  PromoDm()
      : BasicRule({"P5.promo_dm", "P5", Label::PurePromo, 1.5,
                   "A direct message that promotes instead of talking (P5)", Scope::Post}),
        lex_(make_lexicon(kPromo, Field::Text, kOnDemand)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Dm) return;
    std::string phrase;
    double s = strongest(*lex_, kPromo, in, &phrase);
    if (s > 0) {
      out.add(in.f.links.empty() ? s * 0.8 : s, "promotional message " + quoted(phrase));
    } else if (!in.f.links.empty() && in.f.own_word_count < 12 && in.f.questions == 0) {
      out.add(0.6, "a message that is mostly a link " + quoted(in.f.links[0].domain));
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_promo_dm_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<PromoDm>());
}

}  // namespace notwork::rules
