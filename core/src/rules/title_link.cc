// P3 Autofeeding: a title plus a link and nothing of one's own. (A title a feed cut short
// before its link is one of P3.headline_shape's signs, headline.cc.)
#include "rule.h"

namespace notwork::rules {
namespace {

class TitleLink : public BasicRule {
 public:
  TitleLink()
      : BasicRule({"P3.title_link", "P3", Label::Autofeed, 0.5,
                   "Just a title and a link, no words of the poster's own (P3)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Features& f = in.f;
    if (f.links.empty() || !f.title_like || is_comment(in.post) || in.post.is_reply) return;
    if (f.own_word_count > 30 || f.mentions.size() > 1) return;
    double s = 1.0;
    if (f.links.size() >= 2 && f.ends_with_link) s = 1.3;  // headline + article + card links
    else if (!f.ends_with_link) s = 0.6;
    out.add(s, "headline-style text followed by a link");
  }
};

}  // namespace

void add_title_link_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<TitleLink>());
}

}  // namespace notwork::rules
