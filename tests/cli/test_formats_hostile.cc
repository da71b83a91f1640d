// The input formats on large hostile documents (issue 13): each finishes in linear work and
// its output stays the size of its input, while normal documents read as before. The time
// bounds are generous (the quadratic or exponential versions took minutes or ran out of
// memory on these inputs); the checks on output sizes and contents are exact.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "notwork/formats.h"

using notwork::formats::Json;
namespace fmt = notwork::formats;

namespace {

using Strings = std::vector<std::string>;

Strings strings(const Json& array) {
  Strings out;
  for (const auto& v : array) out.push_back(v.get<std::string>());
  return out;
}

// Seconds that `run` takes.
template <typename F>
double seconds(F&& run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Json tweet(std::string text, Json urls, Json media = Json::array()) {
  return Json{{"tweet", {{"id_str", "1"}, {"full_text", std::move(text)},
                         {"entities", {{"urls", std::move(urls)}, {"media", std::move(media)}}}}}};
}

Json read_one_tweet(const Json& entry) {
  auto result = fmt::read_tweets("window.YTD.tweets.part0 = " + fmt::dump(Json::array({entry})));
  REQUIRE_FALSE(result.fatal);
  REQUIRE(result.posts.size() == 1);
  return result.posts[0];
}

}  // namespace

TEST_CASE("hostile: a megabyte of '&' decodes in one pass", "[formats][hostile]") {
  const std::string amps(1 << 20, '&');
  std::string decoded;
  CHECK(seconds([&] { decoded = fmt::decode_entities(amps); }) < 5.0);
  CHECK(decoded == amps);  // no reference among them: every '&' stays
  std::string text;
  CHECK(seconds([&] { text = fmt::html_to_text("<p>" + amps + "</p>"); }) < 5.0);
  CHECK(text == amps);
  // A reference still needs its ';' within 12 bytes, as before.
  CHECK(fmt::decode_entities("&amp;&#x1F600;&#0000128512;&#00000128512;") ==
        "&\xF0\x9F\x98\x80\xF0\x9F\x98\x80&#00000128512;");
  CHECK(fmt::decode_entities(std::string("&amp") + std::string(100000, 'x') + ";") ==
        "&amp" + std::string(100000, 'x') + ";");
}

TEST_CASE("hostile: 20,000 anchors are listed once each, in order", "[formats][hostile]") {
  std::string html;
  for (int i = 0; i < 20000; ++i)
    html += "<a href=\"https://e" + std::to_string(i % 5000) + ".example/\">x</a> ";
  std::vector<std::string> links;
  std::string text;
  CHECK(seconds([&] { text = fmt::html_to_text(html, &links); }) < 5.0);
  REQUIRE(links.size() == 5000);
  CHECK(links.front() == "https://e0.example/");
  CHECK(links.back() == "https://e4999.example/");
  CHECK(text.size() < html.size());
}

TEST_CASE("an href is read as a browser reads it: outer spaces and inner line breaks dropped",
          "[formats]") {
  // Found by fuzz_html: an href ending in a space was written into the text, whose end is
  // trimmed, and listed with the space; one starting with a space was not a link at all.
  std::vector<std::string> links;
  std::string text = fmt::html_to_text(
      "<p>Read <a href=\" https://x.example/a\n/b \">this</a> and <a href=\"https://y.example/ \">that</a></p>",
      &links);
  CHECK(links == Strings{"https://x.example/a/b", "https://y.example/"});
  CHECK(text == "Read https://x.example/a/b and https://y.example/");
}

TEST_CASE("hostile: an outbox note with 20,000 tags and links reads in linear time", "[formats][hostile]") {
  Json tags = Json::array();
  std::string content = "<p>";
  for (int i = 0; i < 20000; ++i) {
    const std::string tag_url = "https://m.example/tags/t" + std::to_string(i);
    tags.push_back({{"type", "Hashtag"}, {"name", "#t" + std::to_string(i)}, {"href", tag_url}});
    content += "<a href=\"" + tag_url + "\">#t</a> <a href=\"https://l" + std::to_string(i) + ".example/\">l</a> ";
  }
  content += "</p>";
  Json outbox = {{"orderedItems", Json::array({{{"type", "Create"},
                                                {"actor", "https://m.example/users/al"},
                                                {"object", {{"type", "Note"}, {"content", content}, {"tag", tags}}}}})}};
  fmt::Posts result;
  CHECK(seconds([&] { result = fmt::read_outbox(fmt::dump(outbox)); }) < 5.0);
  REQUIRE(result.posts.size() == 1);
  const Json& links = result.posts[0]["links"];
  REQUIRE(links.size() == 20000);  // the tag links are not shared links; the others are
  CHECK(links[0] == "https://l0.example/");
  CHECK(links[19999] == "https://l19999.example/");
  CHECK(result.posts[0]["hashtags"].size() == 20000);
}

TEST_CASE("hostile: expanded URLs cannot grow a tweet's text entity after entity", "[formats][hostile]") {
  // Each entity replaced every occurrence of its short URL in the text the entities before
  // it had written: 30 entities "a" -> "aa" doubled the text 30 times (2^30 times its size).
  Json urls = Json::array();
  for (int i = 0; i < 30; ++i) urls.push_back({{"url", "a"}, {"expanded_url", "aa"}});
  Json post;
  CHECK(seconds([&] { post = read_one_tweet(tweet(std::string(1000, 'a'), urls)); }) < 5.0);
  // Each entity stands for one place: the first 16 'a's (the entities that rewrite the text)
  // become "aa", the rest stay.
  CHECK(post["text"] == std::string(32, 'a') + std::string(984, 'a'));
  CHECK(strings(post["links"]) == Strings{"aa"});

  // A short URL that an expanded URL contains is not expanded again.
  post = read_one_tweet(tweet("see https://t.co/A and https://t.co/B",
                              Json::array({{{"url", "https://t.co/A"}, {"expanded_url", "https://x.example/https://t.co/B"}},
                                           {{"url", "https://t.co/B"}, {"expanded_url", "https://y.example/"}}})));
  CHECK(post["text"] == "see https://x.example/https://t.co/B and https://y.example/");

  // Many entities and a long text: bounded work, text within the document's size.
  urls = Json::array();
  for (int i = 0; i < 20000; ++i) urls.push_back({{"url", "https://t.co/" + std::to_string(i)}, {"expanded_url", "https://e" + std::to_string(i) + ".example/"}});
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "https://t.co/" + std::to_string(i) + " ";
  Json media = Json::array();
  for (int i = 0; i < 1000; ++i) media.push_back({{"url", "h"}});
  CHECK(seconds([&] { post = read_one_tweet(tweet(text, urls, media)); }) < 5.0);
  CHECK(post["links"].size() == 20000);  // every expanded URL is listed once
  CHECK(post["text"].get<std::string>().size() <= text.size() + 16 * 32);
}

TEST_CASE("tweets: each URL entity expands one place, media URLs are removed everywhere", "[formats]") {
  // As Twitter writes them: one entity per place, the same short URL twice for two places.
  Json post = read_one_tweet(tweet("a https://t.co/x b https://t.co/x c https://t.co/m",
                                   Json::array({{{"url", "https://t.co/x"}, {"expanded_url", "https://x.example/"}},
                                                {{"url", "https://t.co/x"}, {"expanded_url", "https://x.example/"}}}),
                                   Json::array({{{"url", "https://t.co/m"}}})));
  CHECK(post["text"] == "a https://x.example/ b https://x.example/ c");
  CHECK(strings(post["links"]) == Strings{"https://x.example/"});
}
