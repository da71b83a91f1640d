// P12 Link-only accounts: posts that are links with no words of their own, and streaks of
// them from one author.
#include "rule.h"

namespace notwork::rules {
namespace {

class LinkOnly : public BasicRule {
 public:
  LinkOnly()
      : BasicRule({"P12.link_only", "P12", Label::Autofeed, 0.6,
                   "Only a link, no words of the poster's own (P12)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.f.link_only) return;
    // Under someone else's video or post, a bare link is comment spam.
    if (in.post.kind == Kind::Comment || in.post.kind == Kind::Dm)
      out.add(Label::PurePromo, 1.0, "a bare link " + quoted(in.f.links[0].domain, 30));
    else
      out.add(1.0, "a bare link " + quoted(in.f.links[0].domain, 30));
  }
};

class LinkOnlyStreak : public BasicRule {
 public:
  LinkOnlyStreak()
      : BasicRule({"P12.link_only_streak", "P12", Label::Autofeed, 0.8,
                   "The author's recent posts are nothing but links (P12)", Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || in.history->size() < 2 || in.f.links.empty()) return;
    if (in.f.own_word_count > 15 || in.f.first_person || in.f.questions > 0) return;
    const size_t n = in.history->size() < 10 ? in.history->size() : 10;
    int bare = 0;
    for (size_t i = 0; i < n; ++i) bare += in.history->recent(i).link_only;
    if (bare >= 2 && bare * 2 >= static_cast<int>(n))
      out.add(static_cast<double>(bare) / n,
              std::to_string(bare) + " of the author's last " + std::to_string(n) + " posts are bare links");
  }
};

}  // namespace

void add_link_only_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<LinkOnly>());
  out.push_back(std::make_unique<LinkOnlyStreak>());
}

}  // namespace notwork::rules
