// Exports for the Node CLI (wasm/cli.mjs): `notwork score` over JSON Lines with the
// native CLI's exact output bytes. Parsing, checking, merging and serialising use the
// same core functions as cli/score.cc (notwork::formats, notwork/scored_lines.h), so pass-through fields keep
// their order and number formatting, and messages read the same.
//
// Answers are "<header JSON>\n<output JSON Lines>": the header is small (problems,
// where it stopped); the body is written to stdout by the caller without re-encoding.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "notwork/api.h"
#include "notwork/formats.h"
#include "notwork/scored_lines.h"
#include "exports.h"

namespace {

using notwork::formats::Json;
namespace formats = notwork::formats;

constexpr int kParseOnly = 1;
constexpr int kSkipInvalid = 2;

// Scores `posts` in one call and appends each post with its result as a line, through the
// same writer as the native CLI (notwork/scored_lines.h), so both write the same bytes.
void score_and_write(notwork::Session& session, std::vector<Json>& posts, bool parse_only,
                     std::string& out) {
  if (parse_only)
    formats::append_lines(posts, out);
  else
    formats::append_scored_lines(session, posts, out);
}

}  // namespace

extern "C" {

// `lines`: non-blank JSON Lines separated by '\n' (line ends, a BOM and blank lines
// already removed by the caller, which keeps the line numbers). flags: 1 parse-only,
// 2 skip invalid lines. Header: {"problems":[[index,"message"],...],"stopped":bool};
// without skip-invalid it stops at the first bad line, after writing the lines before it.
EMSCRIPTEN_KEEPALIVE char* notwork_session_score_lines(notwork::Session* session, const char* lines,
                                                       std::size_t length, int flags) {
  return notwork::wasm::guarded([&] {
    const bool parse_only = (flags & kParseOnly) != 0;
    const bool skip_invalid = (flags & kSkipInvalid) != 0;
    std::string_view rest = notwork::wasm::view(lines, length);
    Json problems = Json::array();
    bool stopped = false;
    std::vector<Json> posts;
    for (std::size_t index = 0; !rest.empty(); ++index) {
      const std::size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      Json post;
      std::string problem = formats::parse_json(line, post);
      if (problem.empty()) problem = formats::check_post(post);
      if (problem.empty()) {
        posts.push_back(std::move(post));
        continue;
      }
      problems.push_back(Json::array({index, problem}));
      if (!skip_invalid) {
        stopped = true;
        break;
      }
    }
    // The header is known before the lines are scored: they are written after it, in place.
    std::string answer = formats::dump(Json{{"problems", std::move(problems)}, {"stopped", stopped}});
    answer += '\n';
    score_and_write(*session, posts, parse_only, answer);
    return answer;
  });
}

// A whole document (format: 0 jsonl, 1 outbox, 2 tweets; see notwork::formats) scored
// like `notwork score --format F`. Header: {"fatal":"..."} when the document is unusable,
// else {"skipped":n,"first":"<first problem>"}.
EMSCRIPTEN_KEEPALIVE char* notwork_session_score_document(notwork::Session* session, const char* text,
                                                          std::size_t length, int format, int flags) {
  return notwork::wasm::guarded([&] {
    if (format < 0 || format > 2) throw std::invalid_argument("unknown document format");
    formats::Posts read = formats::read_document(notwork::wasm::view(text, length),
                                                 static_cast<formats::Format>(format));
    if (read.fatal) {
      return formats::dump(Json{{"fatal", read.problems.empty() ? std::string("unusable document")
                                                                 : formats::describe(read.problems.front())}}) +
             "\n";
    }
    Json header = {{"skipped", read.problems.size()},
                   {"first", read.problems.empty() ? std::string() : formats::describe(read.problems.front())}};
    std::vector<Json> posts;
    posts.reserve(read.posts.size());
    for (auto& post : read.posts) posts.push_back(std::move(post));
    std::string body;
    score_and_write(*session, posts, (flags & kParseOnly) != 0, body);
    return formats::dump(header) + "\n" + body;
  });
}

// The problem formats::parse_json finds in a JSON text ("" when it is valid), so the
// CLI can word a bad --config file like the native one.
EMSCRIPTEN_KEEPALIVE char* notwork_json_problem(const char* text, std::size_t length) {
  return notwork::wasm::guarded([&] {
    Json value;
    return formats::parse_json(notwork::wasm::view(text, length), value);
  });
}

}  // extern "C"
