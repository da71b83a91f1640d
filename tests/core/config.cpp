// Configuration validation: every problem with its JSON Pointer; never half-applied.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "notwork/api.h"
#include "notwork/engine.h"

using nlohmann::json;

static json validate(const std::string& config) { return json::parse(notwork::validate_config(config)); }

static bool has_error(const json& v, const std::string& path) {
  for (const auto& e : v["errors"])
    if (e["path"] == path) return true;
  return false;
}

TEST_CASE("config: defaults and an empty document are valid", "[config]") {
  CHECK(validate("{}")["ok"] == true);
  CHECK(validate(notwork::default_config())["ok"] == true);
}

TEST_CASE("config: every error kind with its path", "[config]") {
  std::string big = R"({"version":2,"colour":"red",
    "rules":{"P3.nope":{"weight":1},"P6.sponsored":{"weight":11,"enabled":"yes","extra":1},"P2.own_domain":3},
    "thresholds":{"autofeed":1.5,"bogus":0.5,"pure_promo":"high"},
    "patterns":[{"pattern":"(unclosed","label":"pure_promo"},{"label":"spam"},{"pattern":"ok","label":"autofeed","weight":-1,"id":"bad id!"}],
    "context":{"max_authors":0,"max_posts_per_author":10.5,"lru":true}})";
  json v = validate(big);
  CHECK(v["ok"] == false);
  for (const char* p : {"/version", "/colour", "/rules/P3.nope", "/rules/P6.sponsored/weight",
                        "/rules/P6.sponsored/enabled", "/rules/P6.sponsored/extra", "/rules/P2.own_domain",
                        "/thresholds/autofeed", "/thresholds/bogus", "/thresholds/pure_promo",
                        "/patterns/0/pattern", "/patterns/1/pattern", "/patterns/1/label",
                        "/patterns/2/weight", "/patterns/2/id", "/context/max_authors",
                        "/context/max_posts_per_author", "/context/lru"})
    CHECK(has_error(v, p));
  for (const auto& e : v["errors"]) CHECK(!e["message"].get<std::string>().empty());
}

TEST_CASE("config: a rule that left the catalogue is accepted and has no effect", "[config]") {
  // Stored settings from before a rule was merged or removed still load, with everything else.
  const std::string old = R"({"version":1,"rules":{"P3.template":{"weight":4,"enabled":true},
    "P2.call_to_action":{"enabled":false},"P6.sponsored":{"weight":3}}})";
  json v = validate(old);
  CHECK(v["ok"] == true);
  CHECK(v["errors"].empty());
  notwork::Session s;
  REQUIRE(json::parse(s.configure(old))["ok"] == true);
  // The rest of the document applies: P6 has the weight the user gave it.
  json r = json::parse(s.score_batch(R"([{"text":"#ad Paid partnership with PixelHost https://pixelhost.example","author":"m"}])"))[0];
  bool p6 = false;
  for (const auto& reason : r["reasons"])
    if (reason["rule"] == "P6.sponsored") p6 = std::abs(reason["contribution"].get<double>() - 3.0) < 1e-3;
  CHECK(p6);
  // The catalogue names the retired ids; an unknown id is still an error.
  json cat = json::parse(notwork::catalogue());
  CHECK(cat["retired"].size() == notwork::retired_rules().size());
  for (const auto& id : cat["retired"]) {
    for (const auto& rule : cat["rules"]) CHECK(rule["id"] != id);
  }
  CHECK(has_error(validate(R"({"rules":{"P3.nope":{"weight":1}}})"), "/rules/P3.nope"));
}

TEST_CASE("config: invalid RE2 reports RE2's own error text", "[config]") {
  json v = validate(R"({"patterns":[{"pattern":"a(b","label":"pure_promo"}]})");
  REQUIRE(v["errors"].size() == 1);
  CHECK(v["errors"][0]["message"].get<std::string>().find("missing )") != std::string::npos);
  json p = json::parse(notwork::validate_pattern("[z-a]"));
  CHECK(p["ok"] == false);
  CHECK(p["error"].get<std::string>().find("z-a") != std::string::npos);
  CHECK(json::parse(notwork::validate_pattern("(?i)hello\\s+world"))["ok"] == true);
}

TEST_CASE("config: pattern limits", "[config]") {
  json many = json::array();
  for (int i = 0; i < 201; ++i) many.push_back({{"pattern", "x"}, {"label", "autofeed"}});
  CHECK(has_error(validate(json{{"patterns", many}}.dump()), "/patterns"));
  std::string long_pattern(1001, 'a');
  CHECK(has_error(validate(json{{"patterns", {{{"pattern", long_pattern}, {"label", "autofeed"}}}}}.dump()),
                  "/patterns/0/pattern"));
}

TEST_CASE("config: not JSON, not an object, too deep", "[config]") {
  CHECK(validate("{nope")["ok"] == false);
  CHECK(validate("[1,2]")["ok"] == false);
  CHECK(validate(std::string(500, '[') + std::string(500, ']'))["ok"] == false);
}

TEST_CASE("config: a failing document is never half-applied", "[config]") {
  notwork::Session s;
  REQUIRE(json::parse(s.configure(R"({"rules":{"P6.sponsored":{"weight":0.5}}})"))["ok"] == true);
  const std::string posts = R"([{"text":"Loving my new running shoes #ad","author":"a"}])";
  json before = json::parse(s.score_batch(posts));
  s.reset_context();
  // Valid weight change plus one invalid key: nothing of it may apply.
  json r = json::parse(s.configure(R"({"rules":{"P6.sponsored":{"weight":5}},"thresholds":{"pure_promo":7}})"));
  CHECK(r["ok"] == false);
  CHECK(has_error(r, "/thresholds/pure_promo"));
  s.reset_context();
  json after = json::parse(s.score_batch(posts));
  CHECK(after[0]["scores"] == before[0]["scores"]);
}

// 200 custom patterns (the limit): words a post below has, hashtags, a pattern whose program
// is large (not kept from the check: compiled again when it quotes), and many that never match.
static json two_hundred_patterns() {
  const char* const words[] = {"follow", "free", "win", "news", "love", "video", "check", "today",
                               "subscribe", "thanks", "great", "music", "people"};
  const char* const labels[] = {"autofeed", "pure_promo", "genuine_share", "conversation"};
  json list = json::array();
  for (int i = 0; i < static_cast<int>(notwork::kMaxPatterns); ++i) {
    json p;
    if (i < 13) {
      p = {{"id", std::string("w") + words[i]}, {"pattern", std::string("(?i)\\b") + words[i] + "\\w*"},
           {"label", labels[i % 4]}, {"weight", 0.5 + 0.1 * (i % 5)}, {"description", std::string("word ") + words[i]}};
    } else if (i == 13) {
      p = {{"id", "big"}, {"pattern", "(?i)(?:alpha|beta|gamma|delta){2,40}omega"}, {"label", "pure_promo"}};
    } else if (i % 3 == 0) {
      p = {{"pattern", "(?i)word" + std::to_string(i) + "[a-z]+"}, {"label", "pure_promo"}};
    } else if (i % 3 == 1) {
      p = {{"id", "h" + std::to_string(i)}, {"pattern", "#[A-Za-z]{" + std::to_string(3 + i % 9) + ",}"},
           {"label", "autofeed"}, {"weight", 0.2}};
    } else {
      p = {{"id", "x" + std::to_string(i)}, {"pattern", "(?i)(?:buy|shop|deal)\\s+\\w{" + std::to_string(i % 7 + 1) + "}"},
           {"label", "pure_promo"}, {"principle", "P2"}};
    }
    list.push_back(p);
  }
  return json{{"version", 1}, {"patterns", list}};
}

TEST_CASE("config: 200 custom patterns are compiled once and score as before", "[config]") {
  const std::string doc = two_hundred_patterns().dump();
  const std::string posts =
      R"([{"site":"twitter","kind":"post","author":"a","text":"Follow for FREE and win: news, love, video, check it today, subscribe! Thanks, great music, people #Giveaway #win word42abc buy everything now"},)"
      R"({"site":"twitter","kind":"post","author":"b","text":"alphabetagammaalphaomega deal breakers shop local #SmallBusinessSaturday"},)"
      R"({"site":"twitter","kind":"post","author":"a","text":"A quiet evening with nothing to see"}])";

  // The configuration's patterns, compiled by the check, are what the engine matches with.
  notwork::Config config;
  REQUIRE(notwork::parse_config(doc, &config).empty());
  REQUIRE(config.compiled_patterns != nullptr);
  const long copies = config.compiled_patterns.use_count();
  notwork::Engine shared;
  shared.apply(config);
  CHECK(config.compiled_patterns.use_count() > copies);  // used, not compiled again

  // The same scores as an engine that compiles the patterns itself (a Config built in code:
  // what configure did before), reasons, quoted phrases and all.
  notwork::Config own = config;
  own.compiled_patterns.reset();
  notwork::Engine alone;
  alone.apply(own);
  const json input = json::parse(posts);
  std::vector<notwork::Post> list;
  for (const auto& p : input) list.push_back(test::post(p["text"].get<std::string>(), p["author"].get<std::string>()));
  size_t custom = 0;
  for (const notwork::Post& p : list) {
    const notwork::Result x = shared.score(p), y = alone.score(p);
    CHECK(x.label == y.label);
    for (int l = 0; l < notwork::kLabelCount; ++l) CHECK(x.scores[l] == y.scores[l]);
    REQUIRE(x.reasons.size() == y.reasons.size());
    for (size_t i = 0; i < x.reasons.size(); ++i) {
      CHECK(x.reasons[i].rule == y.reasons[i].rule);
      CHECK(x.reasons[i].detail == y.reasons[i].detail);
      CHECK(x.reasons[i].contribution == y.reasons[i].contribution);
      custom += x.reasons[i].rule.rfind("custom.", 0) == 0;
    }
  }
  CHECK(custom >= 20);  // most of the word patterns, hashtags, "buy ...", the large one
  const notwork::Result first = shared.score(list[0]);
  CHECK(test::fired(first, "custom.wfollow"));
  CHECK(test::fired(first, "custom.42"));
  bool quoted = false;
  for (const auto& r : shared.score(list[1]).reasons)
    quoted = quoted || (r.rule == "custom.big" && r.detail.find("alphabetagammaalphaomega") != std::string::npos);
  CHECK(quoted);

  // A session configures it within a generous bound (compiling the 200 patterns takes a few
  // milliseconds in a release build) and scores it as the engines above do.
  notwork::Session session;
  const auto start = std::chrono::steady_clock::now();
  const json answer = json::parse(session.configure(doc));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  CHECK(answer["ok"] == true);
  CHECK(ms < 2000);
  const json results = json::parse(session.score_batch(posts));
  REQUIRE(results.size() == 3);
  notwork::Engine again;
  again.apply(own);
  for (size_t i = 0; i < 3; ++i) {
    const notwork::Result y = again.score(list[i]);
    CHECK(results[i]["label"] == notwork::label_name(y.label));
    REQUIRE(results[i]["reasons"].size() == y.reasons.size());
    for (size_t k = 0; k < y.reasons.size(); ++k) {
      CHECK(results[i]["reasons"][k]["rule"] == y.reasons[k].rule);
      CHECK(results[i]["reasons"][k]["detail"] == y.reasons[k].detail);
    }
  }
}

TEST_CASE("config: a configuration whose patterns were changed after the check compiles its own", "[config]") {
  notwork::Config config;
  REQUIRE(notwork::parse_config(R"({"patterns":[{"id":"a","pattern":"apples","label":"pure_promo"}]})", &config).empty());
  config.patterns[0].pattern = "pears";  // the compiled set is for "apples": not used
  notwork::Engine e;
  e.apply(config);
  CHECK(test::fired(e.score(test::post("fresh pears today")), "custom.a"));
  CHECK_FALSE(test::fired(e.score(test::post("fresh apples today")), "custom.a"));
}
