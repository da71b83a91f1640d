// The input formats on large hostile documents (issue 13): the work grows linearly with the
// input and the output stays the size of the input, while normal documents read as before.
// Linear growth is checked in CPU time (not wall time: the machine may be busy), as a ratio:
// 4 times the input must take less than 8 times as long (a quadratic path takes 16 times;
// the exponential one ran out of memory). Output sizes and contents are checked exactly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <functional>
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

// CPU seconds that `run` takes (the least of three runs).
double cpu_seconds(const std::function<void()>& run) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    const std::clock_t start = std::clock();
    run();
    best = std::min(best, static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
  }
  return best;
}

// How many times longer `run` takes on an input 4 times as large: ~4 for linear work, ~16
// for quadratic. `make(n)` builds the input of size n, `run` uses it (only `run` is timed).
// The least ratio of three measurements: a busy machine (ctest -j, a CI neighbour) can slow
// one run by more than linear work grows, never a quadratic path down to linear.
template <typename Input>
double growth(const std::function<Input(int)>& make, const std::function<void(const Input&)>& run, int n) {
  const Input small = make(n), large = make(4 * n);
  double best = 1e9;
  for (int attempt = 0; attempt < 3 && best >= 8; ++attempt) {
    const double t_small = cpu_seconds([&] { run(small); });
    const double t_large = cpu_seconds([&] { run(large); });
    best = std::min(best, t_large / std::max(t_small, 1e-4));
  }
  return best;
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

TEST_CASE("hostile: a text of '&' decodes in linear time", "[formats][hostile]") {
  const std::string amps(1 << 20, '&');
  CHECK(fmt::decode_entities(amps) == amps);  // no reference among them: every '&' stays
  CHECK(fmt::html_to_text("<p>" + amps + "</p>") == amps);
  CHECK(growth<std::string>([](int n) { return std::string(n, '&'); },
                            [](const std::string& t) { fmt::decode_entities(t); }, 100000) < 8);
  CHECK(growth<std::string>([](int n) { return "<p>" + std::string(n, '&') + "</p>"; },
                            [](const std::string& t) { fmt::html_to_text(t); }, 100000) < 8);
  // A reference still needs its ';' within 12 bytes, as before.
  CHECK(fmt::decode_entities("&amp;&#x1F600;&#0000128512;&#00000128512;") ==
        "&\xF0\x9F\x98\x80\xF0\x9F\x98\x80&#00000128512;");
  CHECK(fmt::decode_entities(std::string("&amp") + std::string(100000, 'x') + ";") ==
        "&amp" + std::string(100000, 'x') + ";");
}

namespace {
std::string anchors(int n, int distinct) {
  std::string html;
  for (int i = 0; i < n; ++i) html += "<a href=\"https://e" + std::to_string(i % distinct) + ".example/\">x</a> ";
  return html;
}
}  // namespace

TEST_CASE("hostile: 20,000 anchors are listed once each, in order, in linear time", "[formats][hostile]") {
  const std::string html = anchors(20000, 5000);
  std::vector<std::string> links;
  const std::string text = fmt::html_to_text(html, &links);
  REQUIRE(links.size() == 5000);
  CHECK(links.front() == "https://e0.example/");
  CHECK(links.back() == "https://e4999.example/");
  CHECK(text.size() < html.size());
  CHECK(growth<std::string>([](int n) { return anchors(n, n); },
                            [](const std::string& h) {
                              std::vector<std::string> l;
                              fmt::html_to_text(h, &l);
                            },
                            2500) < 8);
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

namespace {
// One note with n hashtags (tag links) and n other links.
std::string outbox_note(int n) {
  Json tags = Json::array();
  std::string content = "<p>";
  for (int i = 0; i < n; ++i) {
    const std::string tag_url = "https://m.example/tags/t" + std::to_string(i);
    tags.push_back({{"type", "Hashtag"}, {"name", "#t" + std::to_string(i)}, {"href", tag_url}});
    content += "<a href=\"" + tag_url + "\">#t</a> <a href=\"https://l" + std::to_string(i) + ".example/\">l</a> ";
  }
  content += "</p>";
  return fmt::dump(Json{{"orderedItems", Json::array({{{"type", "Create"},
                                                       {"actor", "https://m.example/users/al"},
                                                       {"object", {{"type", "Note"}, {"content", content}, {"tag", tags}}}}})}});
}
}  // namespace

TEST_CASE("hostile: an outbox note with 20,000 tags and links reads in linear time", "[formats][hostile]") {
  fmt::Posts result = fmt::read_outbox(outbox_note(20000));
  REQUIRE(result.posts.size() == 1);
  const Json& links = result.posts[0]["links"];
  REQUIRE(links.size() == 20000);  // the tag links are not shared links; the others are
  CHECK(links[0] == "https://l0.example/");
  CHECK(links[19999] == "https://l19999.example/");
  CHECK(result.posts[0]["hashtags"].size() == 20000);
  CHECK(growth<std::string>(outbox_note, [](const std::string& d) { fmt::read_outbox(d); }, 1500) < 8);
}

TEST_CASE("hostile: expanded URLs cannot grow a tweet's text entity after entity", "[formats][hostile]") {
  // Each entity replaced every occurrence of its short URL in the text the entities before
  // it had written: 30 entities "a" -> "aa" doubled the text 30 times (2^30 times its size).
  Json urls = Json::array();
  for (int i = 0; i < 30; ++i) urls.push_back({{"url", "a"}, {"expanded_url", "aa"}});
  Json post = read_one_tweet(tweet(std::string(1000, 'a'), urls));
  // Each entity stands for one place: the first 16 'a's (the entities that rewrite the text)
  // become "aa", the rest stay.
  CHECK(post["text"] == std::string(32, 'a') + std::string(984, 'a'));
  CHECK(strings(post["links"]) == Strings{"aa"});

  // A short URL that an expanded URL contains is not expanded again.
  post = read_one_tweet(tweet("see https://t.co/A and https://t.co/B",
                              Json::array({{{"url", "https://t.co/A"}, {"expanded_url", "https://x.example/https://t.co/B"}},
                                           {{"url", "https://t.co/B"}, {"expanded_url", "https://y.example/"}}})));
  CHECK(post["text"] == "see https://x.example/https://t.co/B and https://y.example/");

  // Many entities and a long text: linear work, text within the document's size.
  auto many = [](int n) {
    Json urls = Json::array(), media = Json::array();
    std::string text;
    for (int i = 0; i < n; ++i) {
      urls.push_back({{"url", "https://t.co/" + std::to_string(i)}, {"expanded_url", "https://e" + std::to_string(i) + ".example/"}});
      text += "https://t.co/" + std::to_string(i) + " ";
      media.push_back({{"url", "h"}});
    }
    return "window.YTD.tweets.part0 = " + fmt::dump(Json::array({tweet(text, urls, media)}));
  };
  const std::string document = many(20000);
  auto result = fmt::read_tweets(document);
  REQUIRE(result.posts.size() == 1);
  CHECK(result.posts[0]["links"].size() == 20000);  // every expanded URL is listed once
  CHECK(result.posts[0]["text"].get<std::string>().size() <= document.size());
  CHECK(growth<std::string>(many, [](const std::string& d) { fmt::read_tweets(d); }, 1000) < 8);
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
