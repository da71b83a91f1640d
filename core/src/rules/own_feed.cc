// P18 Your own feed is not a crime: announcing your own new post is a broadcast (it counts
// towards P1/P2) but milder than a keyword feed of other people's content.
#include "rule.h"

namespace notwork::rules {
namespace {

const std::vector<Term> kAnnounce = {
    {R"(\bnew (?:blog )?(?:post|article|episode|video|podcast)\b|\bnew on (?:the|my) (?:blog|site|channel)\b)", 1.0},
    {R"(\bi(?:'ve)? just (?:posted|published|blogged|uploaded|released|wrote)\b|\bjust (?:posted|published|blogged|uploaded)\b)", 1.0},
    {R"(\b(?:my|our) (?:latest|newest|new) (?:blog )?(?:post|article|episode|video|podcast)\b|\bon (?:the|my) blog (?:today|now)\b|\bup on (?:the|my) blog\b)", 1.0},
    {R"(\bread (?:more|it|the rest) (?:on|at) (?:my|our) (?:blog|site)\b)", 0.8},
};

class OwnFeed : public BasicRule {
 public:
  OwnFeed()
      : BasicRule({"P18.own_feed", "P18", Label::Autofeed, 0.6,
                   "Announces the author's own new post: a broadcast, if a mild one (P18)",
                   Scope::Post}),
        lex_(make_lexicon(kAnnounce, Field::OwnWords)) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (in.f.links.empty()) return;
    std::string phrase;
    double s = strongest(*lex_, kAnnounce, in, &phrase);
    if (s <= 0) return;
    bool own = !links_to_others(in.f, in.post);
    for (const Link& l : in.f.links) own = own || link_is_own(l, in.post);
    out.add(s * (own ? 0.8 : 1.0), "announces a new post " + quoted(phrase));
    if (own) out.add(Label::PurePromo, 0.4 * s, "points to the author's own site");
  }

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace

void add_own_feed_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<OwnFeed>());
}

}  // namespace notwork::rules
