// formats::read_jsonl on arbitrary bytes: posts in the Post shape, one problem per bad line
// with its line number (1..lines), posts plus problems never more than the lines.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_formats_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  notwork::formats::Posts result = notwork::formats::read_jsonl(document);
  notwork::fuzz::check_posts(result, "jsonl");
  FUZZ_CHECK(!result.fatal, "JSON Lines are never fatal as a whole");
  std::size_t lines = 0;
  for (char c : document) lines += c == '\n';
  if (!document.empty() && document.back() != '\n') ++lines;
  FUZZ_CHECK(result.posts.size() + result.problems.size() <= lines, "at most one post or problem per line");
  std::size_t previous = 0;
  for (const auto& problem : result.problems) {
    FUZZ_CHECK(problem.line > previous && problem.line <= lines, "problems in line order, within the document");
    previous = problem.line;
  }
  notwork::formats::read_document(document, notwork::formats::detect_format(document));
  return 0;
}
