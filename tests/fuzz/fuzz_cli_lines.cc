// The native CLI's JSON Lines reader (cli/lines.h) on arbitrary bytes, read from a stream
// as `notwork score` reads a file: it finds exactly the posts and the bad lines (with the
// same line numbers) that formats::read_jsonl finds in the whole document, no line it
// returns holds a line end, and the posts it reads are scored into one valid JSON line each
// that keeps the post's own fields (formats::append_scored_lines, the CLI's writer).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "../../cli/lines.h"
#include "fuzz_check.h"
#include "notwork/api.h"
#include "notwork/scored_lines.h"

using notwork::formats::Json;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;  // fmemopen needs a buffer of at least one byte
  std::FILE* in = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  FUZZ_CHECK(in != nullptr, "fmemopen");
  std::vector<Json> posts;
  std::vector<std::size_t> bad_lines;
  {
    notwork::cli::LineReader reader(in);
    std::string_view line;
    std::size_t previous = 0;
    while (reader.next(&line)) {
      FUZZ_CHECK(reader.line_number() > previous, "line numbers go up");
      previous = reader.line_number();
      FUZZ_CHECK(line.find('\n') == std::string_view::npos, "a line without its line end");
      FUZZ_CHECK(line.empty() || line.back() != '\r', "a line without its CR");
      Json post;
      if (notwork::cli::parse_post_line(line, post).empty()) posts.push_back(std::move(post));
      else bad_lines.push_back(reader.line_number());
    }
    FUZZ_CHECK(!reader.failed(), "reading memory does not fail");
  }
  std::fclose(in);

  const notwork::formats::Posts whole =
      notwork::formats::read_jsonl(std::string_view(reinterpret_cast<const char*>(data), size));
  FUZZ_CHECK(whole.posts.size() == posts.size(), "the stream reader and read_jsonl find the same posts: " +
                                                     std::to_string(posts.size()) + " vs " +
                                                     std::to_string(whole.posts.size()));
  for (std::size_t i = 0; i < posts.size(); ++i)
    FUZZ_CHECK(whole.posts[i] == posts[i], "post " + std::to_string(i) + " differs");
  FUZZ_CHECK(whole.problems.size() == bad_lines.size(), "the same bad lines");
  for (std::size_t i = 0; i < bad_lines.size(); ++i)
    FUZZ_CHECK(whole.problems[i].line == bad_lines[i], "bad line numbers agree");

  if (posts.empty()) return 0;
  notwork::Session session;
  std::string out;
  notwork::formats::append_scored_lines(session, posts, out);
  std::size_t start = 0;
  for (const Json& post : posts) {
    const std::size_t end = out.find('\n', start);
    FUZZ_CHECK(end != std::string::npos, "one output line per post");
    Json line;
    const std::string problem = notwork::formats::parse_json(std::string_view(out).substr(start, end - start), line);
    FUZZ_CHECK(problem.empty(), "an output line is JSON: " + problem);
    start = end + 1;
    notwork::fuzz::check_result(nlohmann::json::parse(notwork::formats::dump(
        Json{{"label", line["label"]}, {"scores", line["scores"]}, {"reasons", line["reasons"]}})));
    for (const auto& [key, value] : post.items()) {
      if (key == "label" || key == "scores" || key == "reasons") continue;
      FUZZ_CHECK(line.contains(key), "the post's field \"" + key + "\" is kept");
      // Invalid UTF-8 cannot come from parsed JSON, so the field comes back as it was.
      FUZZ_CHECK(line[key] == value, "the post's field \"" + key + "\" is unchanged");
    }
  }
  FUZZ_CHECK(start == out.size(), "nothing after the last line");
  return 0;
}
