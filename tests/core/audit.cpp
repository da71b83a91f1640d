// Account audit on a small hand-made account.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "notwork/api.h"

using nlohmann::json;

static const char* kAccount = R"([
  {"text":"@alice have you tried RE2::Set?","author":"bob","created_at":"2024-01-01T09:00:00Z"},
  {"text":"@bob thanks for the tip, it worked!","author":"alice","created_at":"2024-01-01T10:00:00Z"},
  {"text":"New post: My week https://alice.blog/w1","author":"alice","created_at":"2024-01-01T12:00:00Z"},
  {"text":"New post: My week https://alice.blog/w1","author":"alice","created_at":"2024-01-02T12:00:00Z"},
  {"text":"https://example.org/x","author":"alice","created_at":"2024-01-02T13:00:00Z"},
  {"text":"What do you all think about the new RE2 release?","author":"alice","created_at":"2024-01-03T09:00:00Z"},
  {"text":"@alice great post, loved it","author":"carol","created_at":"2024-01-03T10:00:00Z"}
])";

TEST_CASE("audit: figures per principle on a hand-made account", "[audit]") {
  notwork::Session s;
  json a = json::parse(s.audit(kAccount));
  CHECK(a["posts"] == 5);
  CHECK(a["figures"]["P1"]["broadcast"] == 3);
  CHECK(a["figures"]["P1"]["conversation"] == 2);
  CHECK(a["figures"]["P1"]["ratio"] == 0.6);
  CHECK(a["figures"]["P2"]["own_links"] == 2);
  CHECK(a["figures"]["P2"]["other_links"] == 1);
  CHECK(a["figures"]["P2"]["own_share"] == 0.6667);
  CHECK(a["figures"]["P8"]["duplicates"] == 1);
  CHECK(a["figures"]["P8"]["share"] == 0.2);
  CHECK(a["figures"]["P12"]["link_only"] == 1);
  CHECK(a["figures"]["P12"]["share"] == 0.2);
  CHECK(a["figures"]["P14"]["mentions_received"] == 2);
  CHECK(a["figures"]["P14"]["answered"] == 1);
  CHECK(a["figures"]["P14"]["ratio"] == 0.5);
  CHECK(a["figures"]["P9"]["max_per_hour"] == 1);
  CHECK(a["figures"]["P9"]["bursts"] == 0);
}

TEST_CASE("audit: a broadcast station scores low, a conversational account high", "[audit]") {
  json feed = json::array(), talk = json::array();
  const char* heads[] = {"Storm closes schools across the county", "Council approves new budget for roads",
                         "Police investigate break-in at downtown store", "Local team wins regional final",
                         "Water main break floods Main Street", "New bakery opens near the station",
                         "Fire department responds to warehouse blaze", "Mayor announces run for second term"};
  const char* replies[] = {
      "thanks, that fixed my build!", "did you try the second recipe yet?", "I disagree a little: the ending felt rushed to me",
      "congrats on the new job, well deserved", "which lens did you use for that shot?", "haha yes, same thing happened to me last week",
      "good luck tomorrow, you will do great", "I read your notes twice, the part on caching is gold",
      "can we move our call to Friday?", "sorry to hear that, take care of yourself", "where did you find those boots?",
      "that talk changed how I think about tests", "happy birthday! hope it is a lovely day", "my kids loved the museum too",
      "is the meetup still on next month?", "true, but the old version was faster for me"};
  for (int i = 0; i < 16; ++i) {
    feed.push_back({{"text", std::string(heads[i % 8]) + " https://t.co/a" + std::to_string(i) +
                                 " https://t.co/b" + std::to_string(i)},
                    {"author", "citynews"}, {"created_at", "2024-01-0" + std::to_string(1 + i % 9) + "T10:00:00Z"}});
    talk.push_back({{"text", "@friend" + std::to_string(i) + " " + replies[i]},
                    {"author", "ana"}, {"is_reply", true},
                    {"created_at", "2024-01-0" + std::to_string(1 + i % 9) + "T1" + std::to_string(i % 10) + ":00:00Z"}});
  }
  notwork::Session s;
  json f = json::parse(s.audit(feed.dump())), t = json::parse(s.audit(talk.dump()));
  CHECK(f["label_mix"]["autofeed"].get<int>() >= 12);
  CHECK(f["score"].get<int>() <= 35);
  CHECK(t["score"].get<int>() >= 85);
  bool named = false;
  for (const auto& b : f["breakdown"])
    if (b["name"] == "A person, not a broadcast station") named = b["points"].get<int>() < 100;
  CHECK(named);  // the breakdown says why
}

TEST_CASE("audit: score, breakdown, label mix, activity, suggestions", "[audit]") {
  notwork::Session s;
  json a = json::parse(s.audit(kAccount));
  int points = 0, max = 0, factor = -1;
  for (const auto& b : a["breakdown"]) {
    CHECK(b["points"].get<int>() <= b["max"].get<int>());
    if (b["name"] == "A person, not a broadcast station") {
      factor = b["points"].get<int>();  // a percentage that scales the other items
      continue;
    }
    points += b["points"].get<int>();
    max += b["max"].get<int>();
  }
  REQUIRE(max > 0);
  REQUIRE(factor >= 30);
  CHECK(a["score"] == (((points * 100 + max / 2) / max) * factor + 50) / 100);
  CHECK(a["score"].get<int>() < 100);  // duplicates, own links, a bare link
  int mix = 0;
  for (const auto& [label, n] : a["label_mix"].items()) mix += n.get<int>();
  CHECK(mix == 5);
  REQUIRE(a["activity"].size() == 3);
  CHECK(a["activity"][0]["date"] == "2024-01-01");
  CHECK(a["activity"][0]["count"] == 2);
  REQUIRE(a["suggestions"].size() == 3);
  for (const auto& sug : a["suggestions"]) {
    CHECK(sug["principle"].get<std::string>()[0] == 'P');
    CHECK(!sug["text"].get<std::string>().empty());
  }
  // Deterministic, and independent of any session context.
  s.score_batch(R"([{"text":"New post: My week https://alice.blog/w1","author":"alice"}])");
  CHECK(s.audit(kAccount) == notwork::Session().audit(kAccount));
}

TEST_CASE("audit: a conversational account scores better than a feed", "[audit]") {
  json talk = json::array(), feed = json::array();
  for (int i = 0; i < 10; ++i) {
    talk.push_back({{"text", "@friend" + std::to_string(i) + " good question, I think it depends on the data"},
                    {"author", "tess"}, {"created_at", "2024-02-0" + std::to_string(i % 9 + 1) + " 10:00:00"}});
    feed.push_back({{"text", "Council approves item number " + std::to_string(i) + " of the budget https://t.co/" + std::to_string(i)},
                    {"author", "feedy"}, {"created_at", "2024-02-01 10:0" + std::to_string(i) + ":00"}});
  }
  notwork::Session s;
  json a = json::parse(s.audit(talk.dump())), b = json::parse(s.audit(feed.dump()));
  CHECK(a["score"].get<int>() > b["score"].get<int>());
  CHECK(b["figures"]["P9"]["bursts"].get<int>() >= 1);
  CHECK(a["figures"]["P14"]["ratio"].is_null());  // no mentions received in the data
}
