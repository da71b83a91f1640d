// The shipped, fitted weights (core/data/weights.json, written by `./dev fit`): the data
// file is valid, its invariants hold, it is what scores posts, and configurations can
// replace it whole (the fit's folds) or tune it rule by rule.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "notwork/api.h"
#include "notwork/weights.h"

using notwork::Label;
using namespace test;

TEST_CASE("weights: the shipped file parses and keeps its invariants", "[weights]") {
  const notwork::Weights& w = notwork::shipped_weights();
  CHECK(w.generated_by == "./dev fit");
  for (Label l : {Label::Autofeed, Label::PurePromo, Label::GenuineShare}) {
    const notwork::LabelWeights& lw = w.labels[static_cast<int>(l)];
    CHECK(lw.fitted);
    CHECK(lw.threshold > 0);
    CHECK(lw.threshold < 1);
    CHECK(std::isfinite(lw.bias));
    CHECK_FALSE(lw.weights.empty());
    for (const auto& [id, x] : lw.weights) {
      CHECK(x >= 0);
      CHECK(x <= notwork::kMaxWeight);
    }
  }
  CHECK_FALSE(w.labels[static_cast<int>(Label::Conversation)].fitted);  // no gold for it
}

TEST_CASE("weights: the sigmoid is exact enough and symmetric", "[weights]") {
  for (double x : {-30.0, -7.5, -2.0, -0.3, 0.0, 0.4, 1.0, 3.3, 12.0, 35.0}) {
    CHECK(notwork::sigmoid(x) == Approx(1.0 / (1.0 + std::exp(-x))).epsilon(1e-12));
    CHECK(notwork::sigmoid(x) + notwork::sigmoid(-x) == Approx(1.0).epsilon(1e-12));
  }
  CHECK(notwork::sigmoid(100) == 1.0);
  CHECK(notwork::sigmoid(-100) == 0.0);
}

TEST_CASE("weights: a configuration can carry a whole weights document", "[weights][config]") {
  notwork::Config c;
  auto errors = notwork::parse_config(R"({"weights":{"labels":{
      "pure_promo":{"bias":-1,"threshold":0.7,"weights":{"P6.sponsored":4}}}}})", &c);
  REQUIRE(errors.empty());
  CHECK(c.has_weights);
  CHECK(c.thresholds[static_cast<int>(Label::PurePromo)] == 0.7);
  notwork::Engine e;
  e.apply(c);
  auto r = e.score(post("Loving my new running shoes #ad"));
  CHECK(contribution(r, "P6.sponsored", Label::PurePromo) == Approx(4.0));
  CHECK(score(r, Label::PurePromo) == Approx(notwork::sigmoid(3.0)).margin(1e-4));
  CHECK(r.label == Label::PurePromo);
  // Labels the document does not fit fall back to the hand weights and thresholds.
  CHECK(c.thresholds[static_cast<int>(Label::Autofeed)] == 0.6);
}

TEST_CASE("weights: a comment's score adds the label's comment_bias, a post's does not", "[weights][config]") {
  notwork::Config c;
  auto errors = notwork::parse_config(R"({"weights":{"labels":{
      "pure_promo":{"bias":-1,"comment_bias":-2,"threshold":0.5,"weights":{"P6.sponsored":3}}}}})", &c);
  REQUIRE(errors.empty());
  notwork::Engine e;
  e.apply(c);
  // The same evidence: on a timeline -1 + 3 (promo), under a video -1 - 2 + 3 (not).
  auto on_timeline = e.score(post("Loving my new running shoes #ad"));
  CHECK(score(on_timeline, Label::PurePromo) == Approx(notwork::sigmoid(2.0)).margin(1e-4));
  CHECK(on_timeline.label == Label::PurePromo);
  auto under_video = e.score(comment("Loving my new running shoes #ad"));
  CHECK(score(under_video, Label::PurePromo) == Approx(notwork::sigmoid(0.0)).margin(1e-4));
  // The shipped weights carry one per fitted label: comments are another surface.
  const notwork::Weights& w = notwork::shipped_weights();
  CHECK(w.labels[static_cast<int>(Label::Autofeed)].comment_bias < 0);
  // A bad one is refused with its path.
  notwork::Config bad;
  auto refused = notwork::parse_config(R"({"weights":{"labels":{
      "pure_promo":{"bias":-1,"comment_bias":"lots","threshold":0.5,"weights":{}}}}})", &bad);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].path == "/weights/labels/pure_promo/comment_bias");
}

TEST_CASE("weights: bad weights documents are refused with paths", "[weights][config]") {
  notwork::Config c;
  auto errors = notwork::parse_config(R"({"weights":{"labels":{
      "pure_promo":{"bias":"x","threshold":1.5,"weights":{"P6.nope":1,"P6.sponsored":-2}},
      "bogus":{}}}})", &c);
  REQUIRE(errors.size() >= 4);
  std::string all;
  for (const auto& e : errors) all += e.path + " " + e.message + "\n";
  CHECK_THAT(all, Catch::Contains("/weights/labels/pure_promo/bias"));
  CHECK_THAT(all, Catch::Contains("/weights/labels/pure_promo/threshold"));
  CHECK_THAT(all, Catch::Contains("/weights/labels/pure_promo/weights/P6.nope unknown rule id"));
  CHECK_THAT(all, Catch::Contains("/weights/labels/pure_promo/weights/P6.sponsored"));
  CHECK_THAT(all, Catch::Contains("/weights/labels/bogus"));
  CHECK_FALSE(c.has_weights);  // nothing applied
}

TEST_CASE("weights: the catalogue shows the fitted default of each rule", "[weights]") {
  nlohmann::json cat = nlohmann::json::parse(notwork::catalogue());
  const notwork::Weights& w = notwork::shipped_weights();
  int checked = 0;
  for (const auto& r : cat["rules"]) {
    Label l;
    REQUIRE(notwork::label_from_name(r["label"].get<std::string>(), &l));
    const notwork::LabelWeights& lw = w.labels[static_cast<int>(l)];
    if (!lw.fitted) continue;
    auto it = lw.weights.find(r["id"].get<std::string>());
    CHECK(r["weight"].get<double>() == (it == lw.weights.end() ? 0.0 : it->second));
    ++checked;
  }
  CHECK(checked > 10);
}
