// Feature extraction on a text that is nothing but links (issue 13): the links a text
// contributes are capped, so merging them with the given links and the rules that look at
// every link do bounded work; the words inside every link are still skipped.
#include <catch2/catch.hpp>

#include <string>

#include "helpers.h"
#include "notwork/features.h"

using namespace test;

namespace {
std::string many_bare_links(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += "site" + std::to_string(i) + ".com ";
  return text;
}
size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += what.size()) ++n;
  return n;
}
}  // namespace

TEST_CASE("features: thousands of links in a text keep the first 64", "[features][hostile]") {
  auto f = notwork::extract_features(post(many_bare_links(3000)));
  REQUIRE(f.links.size() == 64);
  CHECK(f.links.front().domain == "site0.com");
  CHECK(f.links.back().domain == "site63.com");
  CHECK(f.own_word_count == 0);            // the words inside all 3000 links are skipped
  CHECK(count(f.skeleton, "U") == 3000);   // every link is still a link in the skeleton
  CHECK(f.link_only);
}

TEST_CASE("features: given links merged with a text of thousands of links stay bounded", "[features][hostile]") {
  notwork::Post p = post(many_bare_links(3000) + " and youtube[.]com and shop dot com");
  p.links_given = true;
  for (int i = 0; i < 64; ++i) p.links.push_back("https://site" + std::to_string(i * 2) + ".com/x");
  auto f = notwork::extract_features(p);
  // The 64 given links, then the text's first 64 bare links whose domain is not among
  // them (the odd ones: site1.com ... site63.com, 32 of them); links past the cap are not
  // looked at (so the obfuscated ones at the end are not there).
  REQUIRE(f.links.size() == 64 + 32);
  CHECK(f.links[63].domain == "site126.com");
  CHECK(f.links[64].domain == "site1.com");
  CHECK(f.links.back().domain == "site63.com");
}

TEST_CASE("features: a text with a few links reads as before", "[features]") {
  notwork::Post p = post("new: murdev.com/x and bit.ly/abc https://example.org/a, youtube[.]com");
  p.links_given = true;
  p.links = {"https://murdev.com/x"};
  auto f = notwork::extract_features(p);
  // The given link, then the text's bare and obfuscated ones whose domain is not given
  // (murdev.com is; the full URL is not added either).
  REQUIRE(f.links.size() == 3);
  CHECK(f.links[0].domain == "murdev.com");
  CHECK(f.links[1].domain == "bit.ly");
  CHECK(f.links[1].shortener);
  CHECK(f.links[2].obfuscated);
  CHECK(f.links[2].host == "youtube.com");
  auto g = notwork::extract_features(post("new: murdev.com/x and bit.ly/abc https://example.org/a, youtube[.]com"));
  REQUIRE(g.links.size() == 4);
  CHECK(g.links[2].url == "https://example.org/a");
}
