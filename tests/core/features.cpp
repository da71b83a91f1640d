// Feature extraction: links (also obfuscated), domains, tokens, voice, dates.
#include <catch2/catch.hpp>

#include "helpers.h"
#include "notwork/features.h"

using namespace test;

TEST_CASE("features: links, hosts and registrable domains", "[features]") {
  auto f = notwork::extract_features(post("See https://www.BBC.co.uk/news/1, bit.ly/abc and murdev.com!"));
  REQUIRE(f.links.size() == 3);
  CHECK(f.links[0].host == "bbc.co.uk");
  CHECK(f.links[0].domain == "bbc.co.uk");
  CHECK(f.links[1].shortener);
  CHECK(f.links[2].bare);
  CHECK(f.links[2].domain == "murdev.com");
  CHECK(notwork::registrable_domain("news.example.com") == "example.com");
}

TEST_CASE("features: a caption of one's own photo or stream is not a headline", "[features]") {
  // The same words read as a headline before an article's link, as a caption before links
  // that show the poster's own media.
  CHECK(notwork::extract_features(post("Snow covered trees on the old bridge https://news.example/a")).title_like);
  for (const char* t : {"Snow covered trees on the old bridge http://twitpic.com/r54cz",
                        "Snow covered trees on the old bridge https://www.instagram.com/p/Bx1/",
                        "Getting some sun at the lake (@ann live on http://twitcam.com/5sa0)"}) {
    auto f = notwork::extract_features(post(t));
    REQUIRE_FALSE(f.links.empty());
    CHECK(f.links.back().own_media);
    CHECK_FALSE(f.title_like);
  }
  // Only the paths that are one's own post: a profile on the same host is not.
  CHECK_FALSE(notwork::extract_features(post("x https://instagram.com/nasa")).links[0].own_media);
  // One article link among them is enough for a headline.
  CHECK(notwork::extract_features(post("Snow covered trees on the old bridge https://news.example/a http://twitpic.com/r5")).title_like);
}

TEST_CASE("features: obfuscated links", "[features]") {
  for (const char* t : {"go to example . com now", "youtube[.]com/x", "visit example dot com"}) {
    auto f = notwork::extract_features(post(t));
    REQUIRE(f.links.size() == 1);
    CHECK(f.links[0].obfuscated);
  }
  CHECK(notwork::extract_features(post("I was done. Me too.")).links.empty());
  CHECK(notwork::extract_features(post("mail me at bob@example.com")).links.empty());
}

TEST_CASE("features: own words, mentions, hashtags, voice", "[features]") {
  auto f = notwork::extract_features(post("@Bob I think you should read this #Rust https://x.org/a"));
  CHECK(f.mentions == std::vector<std::string>{"bob"});
  CHECK(f.hashtags == std::vector<std::string>{"rust"});
  CHECK(f.own_words == "i think you should read this");
  CHECK(f.first_person);
  CHECK(f.second_person);
  CHECK(f.starts_with_mention);
  CHECK(f.ends_with_link);
  auto h = notwork::extract_features(post("Storm closes I-95 near the coast"));
  CHECK_FALSE(h.first_person);
  CHECK(h.title_like);
  auto self = notwork::extract_features(post("@alice continuing my thread", "alice"));
  CHECK_FALSE(self.starts_with_mention);
}

TEST_CASE("features: dates without locale functions", "[features]") {
  int64_t t = 0;
  REQUIRE(notwork::parse_time("2016-11-27 03:36:00", &t));
  CHECK(t == 1480217760);
  REQUIRE(notwork::parse_time("2016-11-27T04:36:00+01:00", &t));
  CHECK(t == 1480217760);
  REQUIRE(notwork::parse_time("2013-11-07T06:20:48.123Z", &t));
  CHECK(notwork::format_date(t) == "2013-11-07");
  CHECK_FALSE(notwork::parse_time("yesterday", &t));
  CHECK_FALSE(notwork::parse_time("2016-13-01", &t));
}
