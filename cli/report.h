// Text formatting for humans: the audit report, one post's explanation, the rule catalogue.
// (Machines get the core's JSON as is, with --json.)
#pragma once

#include <string>
#include <vector>

#include "common.h"

namespace notwork::cli {

// Columns padded to the widest cell (UTF-8 aware); `right` marks right-aligned columns.
class Table {
 public:
  explicit Table(std::vector<bool> right) : right_(std::move(right)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

std::size_t display_width(const std::string& text);
std::string fixed(double value, int decimals);           // "0.42"
std::string signed_fixed(double value, int decimals);    // "+0.42", "-0.10"

// `who` e.g. "@alice", `source` e.g. "Mastodon outbox.json".
std::string format_audit(const Json& report, const std::string& who, const std::string& source);
std::string format_explain(const Json& post, const Json& result, const Json& thresholds);
std::string format_rules(const Json& catalogue);

}  // namespace notwork::cli
