// The input format readers (core/src/formats) on small samples that follow the real
// export formats: tests/cli/data/{outbox.json,tweets.js,posts.jsonl,bad.jsonl}.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "notwork/formats.h"

using notwork::formats::Format;
using notwork::formats::Json;
namespace fmt = notwork::formats;

namespace {

std::string data(const std::string& name) {
  std::ifstream in(std::string(NOTWORK_CLI_TEST_DATA) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> strings(const Json& array) {
  std::vector<std::string> out;
  for (const auto& v : array) out.push_back(v.get<std::string>());
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("format detection looks at the content", "[formats]") {
  CHECK(fmt::detect_format(data("outbox.json")) == Format::outbox);
  CHECK(fmt::detect_format(data("tweets.js")) == Format::tweets);
  CHECK(fmt::detect_format(data("posts.jsonl")) == Format::jsonl);
  CHECK(fmt::detect_format(data("bad.jsonl")) == Format::jsonl);
  CHECK(fmt::detect_format("\xEF\xBB\xBF  window.YTD.tweet.part0 = []") == Format::tweets);
  CHECK(fmt::detect_format(R"([{"tweet":{"full_text":"hi"}}])") == Format::tweets);
  CHECK(fmt::detect_format(R"({"type":"OrderedCollection","orderedItems":[]})") == Format::outbox);
  CHECK(fmt::detect_format("") == Format::jsonl);
  CHECK(fmt::detect_format("\x01\x02garbage") == Format::jsonl);
  CHECK(fmt::format_from_name("outbox") == Format::outbox);
  CHECK(fmt::format_from_name("tweets") == Format::tweets);
  CHECK(fmt::format_from_name("jsonl") == Format::jsonl);
  CHECK_FALSE(fmt::format_from_name("csv").has_value());
}

TEST_CASE("JSON Lines: posts kept in order with their fields, bad lines reported by number", "[formats]") {
  auto good = fmt::read_jsonl(data("posts.jsonl"));
  CHECK(good.problems.empty());
  REQUIRE(good.posts.size() == 4);
  CHECK(good.posts[0]["id"] == "p1");
  CHECK(good.posts[3]["id"] == "p4");
  // unknown fields survive, in their original order
  auto it = good.posts[0].begin();
  CHECK(it.key() == "id");
  CHECK(std::prev(good.posts[0].end()).key() == "a_first");

  auto bad = fmt::read_jsonl(data("bad.jsonl"));
  REQUIRE(bad.posts.size() == 2);
  CHECK(bad.posts[1]["text"] == "another ok line");
  REQUIRE(bad.problems.size() == 2);
  CHECK(bad.problems[0].line == 2);
  CHECK_THAT(bad.problems[0].message, Catch::Contains("not valid JSON"));
  CHECK(bad.problems[1].line == 3);
  CHECK(bad.problems[1].message == "\"text\" must be a string, not a number");
  CHECK(fmt::describe(bad.problems[1]) == "line 3: \"text\" must be a string, not a number");
}

TEST_CASE("the Post shape check names the field and the problem", "[formats]") {
  auto problem = [](const char* json) { return fmt::check_post(Json::parse(json)); };
  CHECK(problem(R"({"text":"hi"})").empty());
  CHECK(problem(R"({"text":"hi","links":null,"author":null})").empty());
  CHECK(problem(R"({"text":"hi","id":17})").empty());
  CHECK(problem(R"([1,2])") == "a post must be a JSON object, not an array");
  CHECK(problem(R"({"txt":"hi"})") == "missing \"text\" (the post's text, a string)");
  CHECK(problem(R"({"text":null})") == "\"text\" must be a string, not null");
  CHECK(problem(R"({"text":"hi","links":"https://a.example"})") ==
        "\"links\" must be an array of strings, not a string");
  CHECK(problem(R"({"text":"hi","mentions":["a",3]})") == "\"mentions\"[1] must be a string, not a number");
  CHECK(problem(R"({"text":"hi","is_reply":"yes"})") == "\"is_reply\" must be true or false, not a string");
  CHECK(problem(R"({"text":"hi","author":{"name":"x"}})") == "\"author\" must be a string, not an object");
  CHECK_THAT(problem(R"({"text":"hi","kind":"tweet"})"), Catch::StartsWith("\"kind\" must be one of post"));
}

TEST_CASE("core_fields keeps only the Post fields the core reads", "[formats]") {
  Json post = Json::parse(R"({"gold":"x","text":"hi","id":5,"links":null,"is_reply":true,"extra":[1]})");
  Json core = fmt::core_fields(post);
  CHECK(core.dump() == R"({"text":"hi","id":"5","is_reply":true})");
}

TEST_CASE("hostile JSON is rejected, not recursed into or crashed on", "[formats]") {
  Json out;
  CHECK(fmt::parse_json(std::string(100000, '['), out) == "nested deeper than 256 levels");
  CHECK_THAT(fmt::parse_json("{\"text\":\"\xff\xfe\"}", out), Catch::Contains("not valid JSON"));
  CHECK_THAT(fmt::parse_json(std::string("{\"text\":\0}", 10), out), Catch::Contains("not valid JSON"));
  // strings that hold deep brackets are fine
  CHECK(fmt::parse_json("{\"text\":\"" + std::string(1000, '[') + "\"}", out).empty());
  // dump never throws on invalid UTF-8 built by code
  CHECK(fmt::dump(Json(std::string("a\xff" "b"))) == "\"a\xEF\xBF\xBD" "b\"");
}

TEST_CASE("HTML to text: paragraphs, entities, links written as their href", "[formats]") {
  std::vector<std::string> links;
  std::string text = fmt::html_to_text(
      "<p>Read <a href=\"https://example.com/a?x=1&amp;y=2\"><span class=\"invisible\">https://</span>"
      "<span class=\"ellipsis\">example.com/a</span></a>, by "
      "<a href=\"https://m.example/@bob\" class=\"u-url mention\">@<span>bob</span></a> "
      "<a href=\"https://m.example/tags/x\" class=\"mention hashtag\">#<span>x</span></a></p>"
      "<p>Two&nbsp;&lt;lines&gt;<br/>here &#x1F600; &#128512;</p><script>alert(1)</script>",
      &links);
  CHECK(text == "Read https://example.com/a?x=1&y=2, by @bob #x\n\nTwo <lines>\nhere \xF0\x9F\x98\x80 \xF0\x9F\x98\x80");
  CHECK(links == Strings{"https://example.com/a?x=1&y=2"});
  CHECK(fmt::html_to_text("a < b and <unterminated") == "a < b and <unterminated");
  CHECK(fmt::decode_entities("&#0; &#xD800; &bogus; &amp") == "\xEF\xBF\xBD \xEF\xBF\xBD &bogus; &amp");
}

TEST_CASE("Mastodon outbox.json: notes, replies, boosts", "[formats]") {
  auto result = fmt::read_outbox(data("outbox.json"));
  REQUIRE_FALSE(result.fatal);
  const Json& posts = result.posts;
  REQUIRE(posts.size() == 4);
  REQUIRE(result.problems.size() == 1);  // the Like is not a post
  CHECK(result.problems[0].where == "/orderedItems/4");

  const Json& note = posts[0];
  CHECK(note["id"] == "https://mastodon.example/users/alice/statuses/109001");
  CHECK(note["author"] == "alice");
  CHECK(note["author_url"] == "https://mastodon.example/users/alice");
  CHECK(note["created_at"] == "2023-03-01T09:15:00Z");
  CHECK(note["text"] ==
        "Loved this piece by @bob on slow gardening & soil: "
        "https://blog.example.org/2023/03/slow-gardening-and-soil\n\nWorth reading #gardening");
  CHECK(strings(note["links"]) == Strings{"https://blog.example.org/2023/03/slow-gardening-and-soil"});
  CHECK(strings(note["mentions"]) == Strings{"bob@other.social"});
  CHECK(strings(note["hashtags"]) == Strings{"gardening"});
  CHECK(note["is_reply"] == false);
  CHECK(note["is_repost"] == false);
  CHECK(note["site"] == "mastodon");
  CHECK(fmt::check_post(note).empty());

  const Json& reply = posts[1];
  CHECK(reply["is_reply"] == true);
  CHECK(reply["reply_to"] == "bob@other.social");
  CHECK(reply["text"] == "@bob thanks, that's a great question!\nI'll try <mulch> next week.");
  CHECK(reply["links"].empty());

  const Json& boost = posts[2];
  CHECK(boost["is_repost"] == true);
  CHECK(boost["text"] == "");
  CHECK(boost["quoted_author"] == "carol@third.example");
  CHECK(boost["created_at"] == "2023-03-02T08:00:00Z");
  CHECK(fmt::check_post(boost).empty());

  const Json& local = posts[3];  // a reply on the same server: local handles
  CHECK(local["reply_to"] == "dave");
  CHECK(strings(local["mentions"]) == Strings{"dave"});
  CHECK(strings(local["links"]) == Strings{"https://docs.example.net/compost?ref=masto&lang=en"});
}

TEST_CASE("outbox.json that is not an outbox is a clear, fatal problem", "[formats]") {
  auto broken = fmt::read_outbox("{\"orderedItems\": [");
  CHECK(broken.fatal);
  CHECK_THAT(broken.problems.at(0).message, Catch::StartsWith("outbox.json is not valid JSON"));
  auto wrong = fmt::read_outbox(R"({"type":"Person"})");
  CHECK(wrong.fatal);
  CHECK_THAT(wrong.problems.at(0).message, Catch::Contains("orderedItems"));
  auto odd = fmt::read_outbox(R"({"orderedItems":[3,{"type":"Create","object":"https://x/1"}]})");
  CHECK_FALSE(odd.fatal);
  CHECK(odd.posts.empty());
  CHECK(odd.problems.size() == 2);
}

TEST_CASE("X archive tweets.js: links, mentions, replies, retweets, client", "[formats]") {
  auto result = fmt::read_tweets(data("tweets.js"));
  REQUIRE_FALSE(result.fatal);
  const Json& posts = result.posts;
  REQUIRE(posts.size() == 3);
  REQUIRE(result.problems.size() == 1);  // the entry without a tweet
  CHECK(result.problems[0].where == "/3");

  const Json& share = posts[0];
  CHECK(share["id"] == "1050118621198921728");
  CHECK(share["created_at"] == "2018-10-10T20:19:24Z");
  CHECK(share["text"] ==
        "The clearest explanation I have read, by @janedoe & worth it: #rustlang "
        "https://janedoe.dev/posts/borrow-checker");
  CHECK(strings(share["links"]) == Strings{"https://janedoe.dev/posts/borrow-checker"});
  CHECK(strings(share["mentions"]) == Strings{"janedoe"});
  CHECK(strings(share["hashtags"]) == Strings{"rustlang"});
  CHECK(share["source_client"] == "Twitter Web App");
  CHECK(share["is_reply"] == false);
  CHECK(share["is_repost"] == false);
  CHECK(share["site"] == "x");
  CHECK_FALSE(share.contains("author"));  // the archive does not name its owner

  const Json& reply = posts[1];
  CHECK(reply["is_reply"] == true);
  CHECK(reply["reply_to"] == "bob_b");
  CHECK(reply["created_at"] == "2018-10-11T03:35:00Z");  // -02:30 converted to UTC
  CHECK(reply["text"] == "@bob_b Thanks! Does it work with <async> too?");
  CHECK(reply["source_client"] == "Twitter for iPhone");

  const Json& rt = posts[2];
  CHECK(rt["is_repost"] == true);
  CHECK(rt["quoted_author"] == "newsdesk");
  CHECK(rt["text"] == "RT @newsdesk: Big storm on the way https://news.example.com/story/1");
  CHECK(strings(rt["links"]) == Strings{"https://news.example.com/story/1"});
  CHECK(rt["source_client"] == "Buffer");
  for (const auto& p : posts) CHECK(fmt::check_post(p).empty());
}

TEST_CASE("twitter dates become ISO 8601 in UTC", "[formats]") {
  CHECK(fmt::twitter_date_to_iso("Wed Oct 10 20:19:24 +0000 2018") == "2018-10-10T20:19:24Z");
  CHECK(fmt::twitter_date_to_iso("Sun Dec 31 23:30:00 -0100 2017") == "2018-01-01T00:30:00Z");
  CHECK(fmt::twitter_date_to_iso("Tue Feb 29 00:10:00 +0100 2000") == "2000-02-28T23:10:00Z");
  CHECK(fmt::twitter_date_to_iso("").empty());
  CHECK(fmt::twitter_date_to_iso("2018-10-10T20:19:24Z").empty());
  CHECK(fmt::twitter_date_to_iso("Wed Foo 10 20:19:24 +0000 2018").empty());
  CHECK(fmt::twitter_date_to_iso("Wed Oct 32 20:19:24 +0000 2018").empty());
}

TEST_CASE("tweets.js problems are clear", "[formats]") {
  CHECK(fmt::read_tweets("window.YTD.tweets.part0 = [ {\"tweet\": ").fatal);
  auto notarray = fmt::read_tweets("window.YTD.tweets.part0 = {\"a\":1}");
  CHECK(notarray.fatal);
  CHECK(notarray.problems.at(0).message == "tweets.js must hold an array of tweets");
  auto bare = fmt::read_tweets(R"([{"full_text":"hi","id_str":"1","user":{"screen_name":"me"}}])");
  REQUIRE(bare.posts.size() == 1);
  CHECK(bare.posts[0]["author"] == "me");
}

TEST_CASE("handles from ActivityPub URLs", "[formats]") {
  CHECK(fmt::handle_from_url("https://mastodon.social/users/alice") == "alice");
  CHECK(fmt::handle_from_url("https://mastodon.social/@alice/1234") == "alice");
  CHECK(fmt::handle_from_url("https://other.social/users/bob/statuses/1", "mastodon.social") == "bob@other.social");
  CHECK(fmt::handle_from_url("https://Mastodon.Social/users/bob", "mastodon.social") == "bob");
  CHECK(fmt::handle_from_url("https://example.com/").empty());
  CHECK(fmt::handle_from_url("not a url").empty());
  CHECK(fmt::host_of("https://user@Example.COM:8443/x") == "example.com");
}
