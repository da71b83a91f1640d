// What every input format promises for any document (core/include/notwork/formats.h):
// nothing thrown, each post in the Post shape (check_post passes, so the CLI can score it),
// serialisable, and a fatal result has exactly one problem that says why.
#pragma once

#include <string>

#include "fuzz_check.h"
#include "notwork/formats.h"

namespace notwork::fuzz {

inline void check_posts(const formats::Posts& result, const char* format) {
  FUZZ_CHECK(result.posts.is_array(), std::string(format) + ": posts must be an array");
  if (result.fatal) {
    FUZZ_CHECK(result.posts.empty() && result.problems.size() == 1,
               std::string(format) + ": a fatal result has no posts and one problem");
  }
  for (const auto& problem : result.problems)
    FUZZ_CHECK(!formats::describe(problem).empty() && !problem.message.empty(),
               std::string(format) + ": a problem says what is wrong");
  for (const auto& post : result.posts) {
    const std::string problem = formats::check_post(post);
    FUZZ_CHECK(problem.empty(), std::string(format) + ": a post fails check_post: " + problem);
    const std::string text = formats::dump(post);
    FUZZ_CHECK(valid_utf8(text), std::string(format) + ": dump() must write valid UTF-8");
    formats::Json back;
    FUZZ_CHECK(formats::parse_json(text, back).empty(), std::string(format) + ": dump() must write valid JSON");
    FUZZ_CHECK(formats::check_post(back).empty(), std::string(format) + ": a re-read post fails check_post");
  }
}

}  // namespace notwork::fuzz
