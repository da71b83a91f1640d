// P2 Mostly your own stuff: links to the author's own site (domain matches the handle, the
// display name or the author's URL), and the same domain recurring across their posts.
#include "rule.h"

namespace notwork::rules {
namespace {

class OwnDomain : public BasicRule {
 public:
  OwnDomain()
      : BasicRule({"P2.own_domain", "P2", Label::PurePromo, 0.9,
                   "Links to the author's own site (P2: share mostly others' work)", Scope::Post}) {}
  void check(const RuleInput& in, Hits& out) const override {
    for (const Link& l : in.f.links) {
      if (is_platform(l.domain)) continue;
      if (link_is_own(l, in.post)) {
        out.add(1.0, "links to the author's own site " + quoted(l.domain));
        return;
      }
    }
  }
};

class RecurringDomain : public BasicRule {
 public:
  RecurringDomain()
      : BasicRule({"P2.recurring_domain", "P2", Label::PurePromo, 0.6,
                   "The same site recurs across the author's posts (P2)", Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || in.history->size() < 2) return;
    const Link* link = nullptr;
    for (const Link& l : in.f.links)
      if (!l.shortener && !l.domain.empty() && !is_platform(l.domain)) { link = &l; break; }
    if (!link) return;
    const uint64_t h = fnv1a(link->domain);
    const size_t n = in.history->size() < 16 ? in.history->size() : 16;
    int same = 0, linked = 0;
    for (size_t i = 0; i < n; ++i) {
      const Fingerprint& fp = in.history->recent(i);
      if (fp.domain_count == 0) continue;
      ++linked;
      if (fp.domains[0] == h || fp.domains[1] == h) ++same;
    }
    if (same >= 2 && same * 5 >= linked * 3) {
      out.add(same >= 4 ? 1.0 : 0.7, quoted(link->domain) + " in " + std::to_string(same + 1) +
                                         " of the author's recent posts");
    }
  }
};

}  // namespace

void add_own_domain_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<OwnDomain>());
  out.push_back(std::make_unique<RecurringDomain>());
}

}  // namespace notwork::rules
