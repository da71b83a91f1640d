// Configuration validation: every problem with its JSON Pointer; never half-applied.
#include <catch2/catch.hpp>

#include <cmath>

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
