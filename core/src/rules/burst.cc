// P9 Flooding: many broadcast posts (headlines with links) by one author within a short
// window. People post in bursts too — a live match, a debate, a run of re-shares — so only
// headlines count: a burst of them is a feed catching up, or a flood.
#include "rule.h"

namespace notwork::rules {
namespace {

constexpr int64_t kHour = 3600;
constexpr int kPerHour = 6;        // this many posts within an hour is a burst
constexpr int kPerFiveMinutes = 4;

class Burst : public BasicRule {
 public:
  Burst()
      : BasicRule({"P9.burst", "P9", Label::Autofeed, 0.8,
                   "Part of a burst of headlines by the same author (P9: spread them out)",
                   Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || !in.post.has_time || !in.f.title_like || in.f.links.empty()) return;
    int hour = 1, five = 1;
    for (size_t i = 0; i < in.history->size(); ++i) {
      const Fingerprint& fp = in.history->recent(i);
      if (!fp.has_time || !fp.title_like || !fp.has_link) continue;
      int64_t d = in.post.time - fp.time;
      if (d < 0) d = -d;
      if (d < kHour) ++hour;
      if (d < 300) ++five;
    }
    double s = 0;
    if (hour >= kPerHour) s = hour >= 2 * kPerHour ? 1.0 : 0.6 + 0.4 * (hour - kPerHour) / kPerHour;
    if (five >= kPerFiveMinutes && s < 0.8) s = 0.8;
    if (s > 0)
      out.add(s, std::to_string(five >= kPerFiveMinutes ? five : hour) + " headlines within " +
                     (five >= kPerFiveMinutes ? "five minutes" : "an hour"));
  }
};

}  // namespace

void add_burst_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<Burst>());
}

}  // namespace notwork::rules
