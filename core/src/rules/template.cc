// P3 Autofeeding, from the author's recent posts: streaks of bare headlines (the same
// template again and again, only the title and link changing) and perfectly regular
// intervals. (A separate "same skeleton" rule, P3.template, fired on the same posts as the
// headline streak and the fit gave it no weight of its own; it was removed.)
#include "rule.h"

namespace notwork::rules {
namespace {

constexpr size_t kLookback = 16;

class HeadlineStreak : public BasicRule {
 public:
  HeadlineStreak()
      : BasicRule({"P3.headline_streak", "P3", Label::Autofeed, 1.6,
                   "The author posts headline after headline, never a word of their own (P3)",
                   Scope::Context}) {}
  // (weight 1.6: a sustained run of bare headlines is what a feed looks like)
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || in.history->size() < 3 || !in.f.title_like) return;
    const size_t n = in.history->size() < kLookback ? in.history->size() : kLookback;
    int headlines = 0, tag = 0, run = 0;
    bool running = true;
    const uint64_t last_tag = in.f.hashtags.empty() ? 0 : fnv1a(in.f.hashtags.back());
    for (size_t i = 0; i < n; ++i) {
      const Fingerprint& fp = in.history->recent(i);
      headlines += fp.title_like;
      running = running && fp.title_like;
      run += running;
      tag += last_tag != 0 && fp.last_tag == last_tag && fp.title_like;
    }
    // At least three in four recent posts are headlines; more history, more confidence.
    if (headlines * 4 >= static_cast<int>(n) * 3) {
      const double share = static_cast<double>(headlines) / n;
      const double confidence = n >= 6 ? 1.0 : n / 6.0;
      out.add(share * confidence, std::to_string(headlines) + " of the author's last " +
                                      std::to_string(n) + " posts are bare headlines");
    }
    if (run >= 5) out.add(0.3, std::to_string(run) + " headlines in a row");
    if (tag >= 2)
      out.add(0.6, "the same section tag #" + clip(in.f.hashtags.back(), 20) + " on " +
                       std::to_string(tag) + " recent headlines");
  }
};

class RegularIntervals : public BasicRule {
 public:
  RegularIntervals()
      : BasicRule({"P3.regular_intervals", "P3", Label::Autofeed, 0.8,
                   "Posted at perfectly regular intervals, like a scheduler (P3)", Scope::Context}) {}
  void check(const RuleInput& in, Hits& out) const override {
    if (!in.history || !in.post.has_time || in.history->size() < 4) return;
    // Five timestamps (this post and four before): four intervals.
    int64_t t[5];
    t[0] = in.post.time;
    for (size_t i = 0; i < 4; ++i) {
      const Fingerprint& fp = in.history->recent(i);
      if (!fp.has_time) return;
      t[i + 1] = fp.time;
    }
    int64_t lo = INT64_MAX, hi = 0, sum = 0;
    for (int i = 0; i < 4; ++i) {
      int64_t d = t[i] - t[i + 1];
      if (d < 60) return;  // bursts are P9's business
      lo = d < lo ? d : lo;
      hi = d > hi ? d : hi;
      sum += d;
    }
    // Spread within 2% of the mean interval (and at least to the minute).
    if ((hi - lo) * 50 * 4 <= sum && hi - lo <= 120 + sum / 200) {
      out.add(1.0, "four intervals of about " + std::to_string(sum / 4 / 60) + " minutes");
    }
  }
};

}  // namespace

void add_template_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(std::make_unique<HeadlineStreak>());
  out.push_back(std::make_unique<RegularIntervals>());
}

}  // namespace notwork::rules
