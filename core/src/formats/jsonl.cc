// JSON Lines: one post object per line; blank lines are ignored, bad lines are reported.
#include "notwork/formats.h"

#include <cctype>

namespace notwork::formats {

Posts read_jsonl(std::string_view document) {
  Posts result;
  if (document.substr(0, 3) == "\xEF\xBB\xBF") document.remove_prefix(3);
  std::size_t line_number = 0;
  while (!document.empty()) {
    ++line_number;
    std::size_t end = document.find('\n');
    std::string_view line = document.substr(0, end);
    document.remove_prefix(end == std::string_view::npos ? document.size() : end + 1);

    bool blank = true;
    for (char c : line) blank = blank && std::isspace(static_cast<unsigned char>(c));
    if (blank) continue;

    Json post;
    std::string problem = parse_json(line, post);
    if (problem.empty()) problem = check_post(post);
    if (!problem.empty()) {
      result.problems.push_back({line_number, {}, problem});
      continue;
    }
    result.posts.push_back(std::move(post));
  }
  return result;
}

}  // namespace notwork::formats
