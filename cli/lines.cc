#include "lines.h"

#include <sys/types.h>

#include <cerrno>
#include <cstdlib>

namespace notwork::cli {

LineReader::~LineReader() { std::free(buffer_); }

bool LineReader::next(std::string_view* line) {
  ssize_t length;
  while ((length = ::getline(&buffer_, &capacity_, in_)) >= 0) {
    ++line_number_;
    std::string_view text(buffer_, static_cast<std::size_t>(length));
    if (line_number_ == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;
    *line = text;
    return true;
  }
  if (std::ferror(in_)) {
    failed_ = true;
    error_ = errno;
  }
  return false;
}

std::string parse_post_line(std::string_view line, formats::Json& post) {
  std::string problem = formats::parse_json(line, post);
  if (problem.empty()) problem = formats::check_post(post);
  return problem;
}

}  // namespace notwork::cli
