// The engine on well-formed posts built from the fuzzer's bytes (texts, authors, links,
// kinds, dates), so that every input reaches feature extraction and the rules instead of
// the JSON parser. Properties: one valid result per post, and the CLI's path
// (formats::append_scored_lines, posts handed over already parsed) gives exactly the
// results of Session::score_batch on the same posts.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "notwork/api.h"
#include "notwork/formats.h"
#include "notwork/scored_lines.h"

using notwork::formats::Json;

namespace {

const char* const kAuthors[] = {"alice", "bob", "Alice", "", "techdigest", "x"};
const char* const kKinds[] = {"post", "comment", "dm", "invitation", "draft"};
const char* const kSites[] = {"x", "mastodon", "bluesky", "youtube", "wordpress", ""};
const char* const kDates[] = {"2023-03-01T09:00:00Z", "2023-03-01T09:00:30Z", "2023-03-01 10:00:00",
                              "2023-03-02", "2023-03-01T09:00:00.123+02:00", "1970-01-01T00:00:00Z"};
const char* const kUrls[] = {"https://alice.example/blog/post", "https://t.co/abc", "http://bit.ly/x",
                             "https://www.youtube.com/watch?v=abcdefgh", "https://amzn.to/3xyz",
                             "https://techdigest.example/p/rust"};

std::string pick_or_random(FuzzedDataProvider& in, const char* const* list, std::size_t n, std::size_t max) {
  if (in.ConsumeBool()) return list[in.ConsumeIntegralInRange<std::size_t>(0, n - 1)];
  return in.ConsumeRandomLengthString(max);
}

Json make_post(FuzzedDataProvider& in, std::size_t index) {
  Json post = Json::object();
  post["id"] = "p" + std::to_string(index);
  post["author"] = pick_or_random(in, kAuthors, std::size(kAuthors), 32);
  if (in.ConsumeBool()) post["author_name"] = in.ConsumeRandomLengthString(64);
  if (in.ConsumeBool()) post["author_url"] = pick_or_random(in, kUrls, std::size(kUrls), 128);
  if (in.ConsumeBool()) post["created_at"] = pick_or_random(in, kDates, std::size(kDates), 40);
  if (in.ConsumeBool()) post["kind"] = kKinds[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kKinds) - 1)];
  if (in.ConsumeBool()) post["site"] = kSites[in.ConsumeIntegralInRange<std::size_t>(0, std::size(kSites) - 1)];
  if (in.ConsumeBool()) post["source_client"] = in.ConsumeRandomLengthString(32);
  if (in.ConsumeBool()) post["is_reply"] = in.ConsumeBool();
  if (in.ConsumeBool()) post["reply_to"] = pick_or_random(in, kAuthors, std::size(kAuthors), 32);
  if (in.ConsumeBool()) post["is_repost"] = in.ConsumeBool();
  if (in.ConsumeBool()) post["automated"] = in.ConsumeBool();
  for (const char* list : {"links", "mentions", "hashtags", "unopened_links"}) {
    if (!in.ConsumeBool()) continue;
    Json items = Json::array();
    for (std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 4); n > 0; --n)
      items.push_back(pick_or_random(in, kUrls, std::size(kUrls), 128));
    post[list] = std::move(items);
  }
  post["text"] = in.ConsumeRandomLengthString(8192);
  return post;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Json batch = Json::array();
  for (std::size_t n = in.ConsumeIntegralInRange<std::size_t>(1, 8); n > 0 && in.remaining_bytes() > 0; --n)
    batch.push_back(make_post(in, batch.size()));
  if (batch.empty()) return 0;
  // As the CLI would have them: parsed from JSON text (so valid UTF-8; dump() replaces
  // invalid bytes).
  const std::string batch_json = notwork::formats::dump(batch);
  std::vector<Json> posts;
  for (auto& post : Json::parse(batch_json)) posts.push_back(std::move(post));

  notwork::Session facade;
  nlohmann::json results = notwork::fuzz::parse_output(
      facade.score_batch(batch_json), "score_batch");
  FUZZ_CHECK(results.is_array() && results.size() == posts.size(), "one result per post");
  for (const auto& r : results) notwork::fuzz::check_result(r);

  // The CLI's path: the same posts, already parsed, on a fresh session.
  notwork::Session cli;
  std::string lines;
  notwork::formats::append_scored_lines(cli, posts, lines);
  std::size_t start = 0;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    const std::size_t end = lines.find('\n', start);
    FUZZ_CHECK(end != std::string::npos, "one line per post");
    nlohmann::json line = notwork::fuzz::parse_output(lines.substr(start, end - start), "append_scored_lines");
    start = end + 1;
    for (const char* key : {"label", "scores", "reasons"})
      FUZZ_CHECK(line[key] == results[i][key],
                 std::string("the CLI's ") + key + " differs from score_batch's: " + line[key].dump() +
                     " vs " + results[i][key].dump());
    FUZZ_CHECK(line["id"] == posts[i]["id"].get<std::string>(), "the post's own fields come first");
  }
  FUZZ_CHECK(start == lines.size(), "nothing after the last line");
  return 0;
}
