// Runs ONE built-in rule on one post, without the engine's weights: the rule's own hits
// (label, strength, detail). Tests of a rule's evidence use this, so they hold whatever
// weights and thresholds are fitted later.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "notwork/engine.h"
#include "notwork/features.h"

namespace test {

struct RuleHits {
  std::vector<notwork::Hits::Hit> hits;
  // Sum of the strengths for a label (0 when the rule did not speak for it).
  double strength(notwork::Label label) const {
    double s = 0;
    for (const auto& h : hits)
      if (h.label == label) s += h.strength;
    return s;
  }
  bool fired() const { return !hits.empty(); }
  // Whether some hit's detail contains `part`.
  bool says(const std::string& part) const {
    for (const auto& h : hits)
      if (h.detail.find(part) != std::string::npos) return true;
    return false;
  }
  std::string details() const {
    std::string all;
    for (const auto& h : hits) all += (all.empty() ? "" : " | ") + h.detail;
    return all;
  }
};

inline const notwork::Rule& rule_by_id(const std::string& id) {
  for (const auto& r : notwork::builtin_rules())
    if (r->info().id == id) return *r;
  throw std::runtime_error("no built-in rule " + id);
}

// The rule's hits on `p`, with no author history (a post met on its own).
inline RuleHits run_rule(const std::string& id, const notwork::Post& p) {
  const notwork::Rule& rule = rule_by_id(id);
  const notwork::Features f = notwork::extract_features(p);
  notwork::RuleInput in{p, f, nullptr, nullptr, 0, nullptr, {}};
  notwork::Hits out(rule.info().label);
  rule.check(in, out);
  return RuleHits{out.items()};
}

}  // namespace test
