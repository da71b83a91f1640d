// P12 Link-only accounts: links with no words of their own, read where they are spam
// (comments, direct messages). The account-level
// share of them is the audit's P12 item (core/src/audit.cc); a per-post "streak" rule was
// removed: the fit gave it no weight (people post runs of bare links — photos, check-ins —
// more often than the corpora's feeds do).
#include "rule.h"

namespace notwork::rules {
namespace {

class LinkOnly : public BasicRule {
 public:
  LinkOnly()
      : BasicRule({"P12.link_only", "P12", Label::PurePromo, 0.6,
                   "Only a link under someone else's post or in a message, no words of one's own "
                   "(P12: comment spam)",
                   Scope::Post}) {}
  // Under someone else's video or post, or in a direct message, a bare link is spam. On a
  // timeline it is not evidence of anything (the fit gave it no weight there: people post
  // bare links to their photos and check-ins far more often than feeds do); an account's
  // share of bare links is the audit's P12 item.
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.f.link_only) return;
    if (in.post.kind != Kind::Comment && in.post.kind != Kind::Dm) return;
    out.add(1.0, "a bare link " + quoted(in.f.links[0].domain, 30));
  }
};

}  // namespace

void add_link_only_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<LinkOnly>());
}

}  // namespace notwork::rules
