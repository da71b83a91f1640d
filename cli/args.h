// A small command-line parser: `--name value`, `--name=value`, flags, positionals, `--`.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace notwork::cli {

// Exit codes (documented in `notwork --help`).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;   // malformed or unreadable input
inline constexpr int kExitBadUsage = 2;   // wrong arguments, bad configuration

// Thrown for bad usage; main() prints it with a pointer to --help and exits with 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;       // without the leading "--"
  bool takes_value;
};

class Args {
 public:
  // Parses argv[first..argc) against `options`; throws UsageError.
  Args(int argc, char** argv, int first, const std::vector<OptionSpec>& options);

  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string value(const std::string& name, const std::string& fallback = {}) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // Positional count must be within [min, max]; throws UsageError naming `what`.
  void expect_positional(std::size_t min, std::size_t max, const std::string& what) const;

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace notwork::cli
