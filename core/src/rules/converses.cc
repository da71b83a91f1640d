// P16 Conversation, from the author's recent posts: an author who answers people and passes
// on what others wrote is not a broadcast station (P1: "relationships come from replying,
// answering, re-sharing others"). Evidence against autofeed (a negative strength) that grows
// with the share of such posts among the author's last posts and with how many of them are
// known. It reads only the history's flags (Fingerprint::reply: a reply, a post opening with
// someone's @name, or "RT @name: ..." passing on someone's post), so it works in every language and
// from the author memory alike. Feeds re-share nobody: the IRA NewsFeed accounts' posts have
// no re-shares and no replies at all, the humans' are 30% re-shares and 26% replies.
#include "rule.h"

namespace notwork::rules {
namespace {

class Converses : public BasicRule {
 public:
  Converses()
      : BasicRule({"P16.converses", "P16", Label::Autofeed, 1.0,
                   "The author answers and re-shares people in their recent posts: not a broadcast "
                   "station (P16; evidence against a feed)",
                   Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || in.history->size() < 3) return;
    const size_t n = in.history->size() < 16 ? in.history->size() : 16;
    int replies = 0;
    for (size_t i = 0; i < n; ++i) replies += in.history->recent(i).reply;
    const double share = static_cast<double>(replies) / static_cast<double>(n);
    if (share < 0.2) return;
    const double confidence = n >= 6 ? 1.0 : static_cast<double>(n) / 6.0;
    out.add(-share * confidence, std::to_string(replies) + " of the author's last " +
                                     std::to_string(n) + " posts answer or re-share someone");
  }
};

}  // namespace

void add_converses_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Converses>());
}

}  // namespace notwork::rules
