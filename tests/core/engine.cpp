// The engine: weights, thresholds, disabled rules, custom patterns, reasons, determinism.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "helpers.h"

using notwork::Config;
using notwork::Label;
using namespace test;

static Config parse(const std::string& json) {
  Config c;
  auto errors = notwork::parse_config(json, &c);
  REQUIRE(errors.empty());
  return c;
}

// The default weight of a rule on its own label (the catalogue's, i.e. the fitted one).
static double default_weight_of(const std::string& id) {
  for (const auto& r : notwork::builtin_rules())
    if (r->info().id == id) return notwork::default_weight(r->info());
  FAIL("no rule " << id);
  return 0;
}

TEST_CASE("engine: contribution = weight x strength and weights are tunable", "[engine]") {
  const auto text = post("Loving my new running shoes #ad");  // #ad: strength 1
  notwork::Engine e;
  const double fitted = default_weight_of("P6.sponsored");
  REQUIRE(fitted > 0);
  double base = contribution(e.score(text), "P6.sponsored", Label::PurePromo);
  CHECK(base == Approx(fitted).margin(1e-4));
  e.apply(parse(R"({"rules":{"P6.sponsored":{"weight":0.5}}})"));
  CHECK(contribution(e.score(text), "P6.sponsored", Label::PurePromo) == Approx(0.5));
  // Under the hand weights (no fitted label) the same rule speaks with its hand weight.
  RuleEngine hand;
  CHECK(contribution(hand.score(text), "P6.sponsored", Label::PurePromo) == Approx(2.0));
}

TEST_CASE("engine: a fitted label's score is the calibrated probability of its evidence", "[engine]") {
  const auto text = post("Loving my new running shoes #ad");
  notwork::Engine e;
  auto r = e.score(text);
  const notwork::LabelWeights& lw = e.weights().labels[static_cast<int>(Label::PurePromo)];
  REQUIRE(lw.fitted);
  double evidence = 0;
  for (const auto& reason : r.reasons)
    if (reason.label == Label::PurePromo) evidence += reason.contribution;
  CHECK(score(r, Label::PurePromo) == Approx(notwork::sigmoid(lw.bias + evidence)).margin(1e-4));
  // No evidence at all: the label's prior, sigmoid(bias), well under its threshold.
  auto nothing = e.score(post("ok"));
  CHECK(score(nothing, Label::PurePromo) == Approx(notwork::sigmoid(lw.bias)).margin(1e-4));
  CHECK(score(nothing, Label::PurePromo) < lw.threshold);
}

TEST_CASE("engine: disabled rules do not fire", "[engine]") {
  notwork::Engine e;
  e.apply(parse(R"({"rules":{"P6.sponsored":{"enabled":false}}})"));
  auto r = e.score(post("Loving my new running shoes #ad"));
  CHECK_FALSE(fired(r, "P6.sponsored"));
  CHECK(r.label == Label::Neutral);
}

TEST_CASE("engine: thresholds decide the label", "[engine]") {
  const auto p = post("Loving my new running shoes #ad");
  notwork::Engine e;
  auto r = e.score(p);
  REQUIRE(r.label == Label::PurePromo);
  REQUIRE(score(r, Label::PurePromo) < 0.9999);
  e.apply(parse(R"({"thresholds":{"pure_promo":0.9999}})"));
  CHECK(e.score(p).label == Label::Neutral);
  CHECK(score(e.score(p), Label::PurePromo) == score(r, Label::PurePromo));  // scores unchanged
}

TEST_CASE("engine: scores are squashed evidence, rounded to 4 decimals", "[engine]") {
  auto r = once(post("HUGE SALE! 50% off everything, free shipping, buy now #ad"));
  for (double s : r.scores) {
    CHECK(s >= 0);
    CHECK(s < 1);
    CHECK(std::round(s * 10000) / 10000 == s);
  }
  double evidence = 0;
  for (const auto& reason : r.reasons)
    if (reason.label == Label::PurePromo) evidence += reason.contribution;
  CHECK(score(r, Label::PurePromo) == Approx(evidence / (1 + evidence)).margin(1e-4));
}

TEST_CASE("engine: reasons sorted by |contribution|, negatives included", "[engine]") {
  auto r = once(post("@bob does the 50% off sale still run? I think I'll buy now"));
  REQUIRE(r.reasons.size() >= 2);
  bool negative = false;
  for (size_t i = 1; i < r.reasons.size(); ++i)
    CHECK(std::fabs(r.reasons[i - 1].contribution) >= std::fabs(r.reasons[i].contribution));
  for (const auto& reason : r.reasons) {
    negative = negative || reason.contribution < 0;
    CHECK(!reason.principle.empty());
    CHECK(reason.principle[0] == 'P');
  }
  CHECK(negative);
}

TEST_CASE("engine: custom patterns are rules with ids and reasons", "[engine][config]") {
  notwork::Engine e;
  e.apply(parse(R"({"patterns":[{"id":"crypto","pattern":"(?i)\\bto the moon\\b","label":"pure_promo","weight":2.5,"description":"moon talk"},
                                {"pattern":"webinar","label":"autofeed"}]})"));
  auto r = e.score(post("This coin is going TO THE MOON, join the webinar"));
  CHECK(contribution(r, "custom.crypto", Label::PurePromo) == Approx(2.5));
  CHECK(contribution(r, "custom.1", Label::Autofeed) == Approx(1.0));
  bool found = false;
  for (const auto& reason : r.reasons)
    if (reason.rule == "custom.crypto") {
      found = true;
      CHECK(reason.principle == "P2");
      CHECK(reason.detail.find("TO THE MOON") != std::string::npos);
    }
  CHECK(found);
  CHECK_FALSE(fired(e.score(post("A quiet evening")), "custom.crypto"));
}

TEST_CASE("engine: every built-in pattern compiles", "[engine]") {
  CHECK(notwork::builtin_pattern_failures().empty());
  for (const auto& p : notwork::builtin_pattern_failures()) WARN(p);
}

TEST_CASE("engine: every built-in rule is catalogued with a principle", "[engine]") {
  const auto& rules = notwork::builtin_rules();
  REQUIRE(rules.size() >= 30);
  std::set<std::string> ids, principles;
  for (const auto& r : rules) {
    const auto& i = r->info();
    CHECK(ids.insert(i.id).second);  // unique ids
    CHECK(i.id.rfind(i.principle + ".", 0) == 0);
    CHECK(i.description.find("(" + i.principle) != std::string::npos);
    CHECK(i.weight > 0);
    CHECK(i.weight <= notwork::kMaxWeight);
    principles.insert(i.principle);
  }
  for (const char* p : {"P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12",
                        "P13", "P15", "P16", "P17", "P18"})
    CHECK(principles.count(p) == 1);
}

TEST_CASE("engine: a batch scores exactly like the same posts one by one", "[engine]") {
  // A recurring domain, regular intervals, a burst and comments, so the context decides some labels: the
  // batch path screens every post first and must still see each one in order.
  std::vector<notwork::Post> posts;
  for (int i = 0; i < 6; ++i) {
    posts.push_back(at(post("New post: How to bake bread, part " + std::to_string(i) + " https://blog.example.com/p" +
                                std::to_string(i), "feedbot"),
                       "2024-01-01T10:0" + std::to_string(i) + ":00Z"));
    posts.push_back(post("Buy now! 50% off at https://shop.example.net", "seller"));
    posts.push_back(comment("Great video! Check out my channel for more", "Spammer"));
    posts.push_back(post("@sam what did you think of the talk? I loved the second half", "alice"));
  }
  RuleEngine one_by_one, batch;  // hand weights: every context rule speaks
  std::vector<notwork::Result> expected;
  for (const auto& p : posts) expected.push_back(one_by_one.score(p));
  const std::vector<notwork::Result> got = batch.score_all(posts);
  REQUIRE(got.size() == expected.size());
  int context_reasons = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("post " << i << ": " << posts[i].text);
    CHECK(got[i].label == expected[i].label);
    for (int l = 0; l < notwork::kLabelCount; ++l) CHECK(got[i].scores[l] == expected[i].scores[l]);
    REQUIRE(got[i].reasons.size() == expected[i].reasons.size());
    for (size_t k = 0; k < got[i].reasons.size(); ++k) {
      CHECK(got[i].reasons[k].rule == expected[i].reasons[k].rule);
      CHECK(got[i].reasons[k].contribution == expected[i].reasons[k].contribution);
      CHECK(got[i].reasons[k].detail == expected[i].reasons[k].detail);
      const std::string& rule = got[i].reasons[k].rule;
      if (rule == "P2.recurring_domain" || rule == "P3.headline_streak" || rule == "P3.regular_intervals" ||
          rule == "P9.burst" || rule == "P17.cross_author_duplicate")
        ++context_reasons;
    }
  }
  CHECK(context_reasons > 0);  // the context really took part
}
