// The CLI's JSON Lines reader (`notwork score`): one line at a time from a stream, so
// input of any length is scored in constant memory. Shared with the fuzz target
// tests/fuzz/fuzz_cli_lines.cc, which checks it against formats::read_jsonl.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "notwork/formats.h"

namespace notwork::cli {

class LineReader {
 public:
  explicit LineReader(std::FILE* in) : in_(in) {}
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line that is not blank, without its line end ("\n", "\r\n", any run of them)
  // and, on line 1, without a UTF-8 byte order mark. False at the end of the input or on
  // a read error (see failed()). The view is valid until the next call.
  bool next(std::string_view* line);

  std::size_t line_number() const { return line_number_; }  // of the last line read
  bool failed() const { return failed_; }                    // a read error ended the input
  int error() const { return error_; }                       // its errno

 private:
  std::FILE* in_;
  char* buffer_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t line_number_ = 0;
  bool failed_ = false;
  int error_ = 0;
};

// Parses one line as a post (formats::parse_json, then formats::check_post).
// Returns "" or the problem.
std::string parse_post_line(std::string_view line, formats::Json& post);

}  // namespace notwork::cli
