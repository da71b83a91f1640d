// Small helpers for core tests: build posts, score them, look at reasons.
#pragma once

#include <string>

#include "notwork/config.h"
#include "notwork/engine.h"

namespace test {

// Rule tests score with the rules' hand weights (a weights document with no fitted label:
// evidence / (1 + evidence), thresholds 0.6), so that they test what a rule detects and
// how strongly, not the weights `./dev fit` gives it today (tests/core/weights.cpp tests
// the shipped, fitted weights).
inline notwork::Config hand_config() {
  notwork::Config c;
  c.has_weights = true;
  c.weights = notwork::Weights();
  const double hand[notwork::kLabelCount] = {0.6, 0.6, 0.6, 0.5};
  for (int i = 0; i < notwork::kLabelCount; ++i) c.thresholds[i] = hand[i];
  return c;
}

struct RuleEngine : notwork::Engine {
  RuleEngine() { apply(hand_config()); }
};

inline notwork::Post post(const std::string& text, const std::string& author = "alice",
                          notwork::Kind kind = notwork::Kind::Post) {
  notwork::Post p;
  p.text = text;
  p.author = author;
  p.site = "twitter";
  p.kind = kind;
  p.kind_given = true;
  return p;
}

inline notwork::Post comment(const std::string& text, const std::string& name = "Some Person") {
  notwork::Post p;
  p.text = text;
  p.author_name = name;
  p.site = "youtube";
  p.kind = notwork::Kind::Comment;
  return p;
}

inline notwork::Post at(notwork::Post p, const std::string& created_at) {
  p.created_at = created_at;
  p.has_time = notwork::parse_time(created_at, &p.time);
  return p;
}

// Sum of a rule's contributions to a label (0 when it did not fire).
inline double contribution(const notwork::Result& r, const std::string& rule,
                           notwork::Label label) {
  double sum = 0;
  for (const auto& reason : r.reasons)
    if (reason.rule == rule && reason.label == label) sum += reason.contribution;
  return sum;
}

inline bool fired(const notwork::Result& r, const std::string& rule) {
  for (const auto& reason : r.reasons)
    if (reason.rule == rule && reason.contribution > 0) return true;
  return false;
}

inline double score(const notwork::Result& r, notwork::Label label) {
  return r.scores[static_cast<int>(label)];
}

// Scores one post with a fresh engine (no context).
inline notwork::Result once(const notwork::Post& p) {
  RuleEngine engine;
  return engine.score(p);
}

}  // namespace test
