// P5 Promotional direct messages: a DM that sells or promotes instead of talking — a plug
// ("check out my course"), or selling in plain words: prizes and "you have won", "claim
// now", offers and discounts, loans, free entry, "call 0800…", "txt STOP to 80082". The
// selling words are in en, es, pt, fr, de and it (core/src/lexicons/<lang>/selling.inc).
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

const std::vector<Term> kSelling = {
#include "lexicons/en/selling.inc"
#include "lexicons/es/selling.inc"
#include "lexicons/pt/selling.inc"
#include "lexicons/fr/selling.inc"
#include "lexicons/de/selling.inc"
#include "lexicons/it/selling.inc"
};

class PromoDm : public BasicRule {
 public:
  PromoDm()
      : BasicRule({"P5.promo_dm", "P5", Label::PurePromo, 1.5,
                   "A direct message that promotes or sells instead of talking (P5; selling words "
                   "in en, es, pt, fr, de, it)", Scope::Post}),
        lex_(make_lexicon(kPromo, Field::Text, kOnDemand)),
        selling_(make_lexicon(kSelling, Field::Text, kOnDemand)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.post.kind != Kind::Dm) return;
    std::string phrase, selling_phrase;
    double s = strongest(*lex_, kPromo, in, &phrase);
    double selling_total = 0;
    const double sell = strongest(*selling_, kSelling, in, &selling_phrase, &selling_total, 2.0);
    if (sell > 0) {
      // Several selling phrases together ("You have won … claim … call 0906…") are the mark of
      // a promotional text; one weak one (a price) is not much.
      const double evidence = selling_total > s ? selling_total : s;
      out.add(in.f.links.empty() ? evidence * 0.9 : evidence, "selling in a message " + quoted(selling_phrase));
    } else if (s > 0) {
      out.add(in.f.links.empty() ? s * 0.8 : s, "promotional message " + quoted(phrase));
    } else if (!in.f.links.empty() && in.f.own_word_count < 12 && in.f.questions == 0) {
      out.add(0.6, "a message that is mostly a link " + quoted(in.f.links[0].domain));
    }
  }

 private:
  std::unique_ptr<Lexicon> lex_;
  std::unique_ptr<Lexicon> selling_;
};

}  // namespace

void add_promo_dm_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<PromoDm>());
}

}  // namespace notwork::rules
