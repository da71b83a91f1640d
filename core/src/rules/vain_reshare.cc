// P10 Vain re-shares: re-sharing a post because it mentions you.
#include "rule.h"

namespace notwork::rules {
namespace {

class VainReshare : public BasicRule {
 public:
  VainReshare()
      : BasicRule({"P10.vain_reshare", "P10", Label::PurePromo, 1.0,
                   "Re-shares a post that mentions the re-sharer (P10)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    const Post& p = in.post;
    if (p.author.empty() || !(p.is_repost || !p.quoted_author.empty() || in.f.retweet)) return;
    std::string me = ascii_lower(p.author);
    if (!me.empty() && me[0] == '@') me.erase(0, 1);
    // In "RT @someone: ..." the first mention is the original author.
    for (size_t i = in.f.retweet ? 1 : 0; i < in.f.mentions.size(); ++i) {
      if (in.f.mentions[i] == me) {
        out.add(1.0, "re-shares a post that mentions @" + clip(me, 30));
        return;
      }
    }
  }
};

}  // namespace

void add_vain_reshare_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<VainReshare>());
}

}  // namespace notwork::rules
