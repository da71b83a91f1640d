// Shared by the libFuzzer targets: a failed property is a crash (libFuzzer saves the input).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "notwork/api.h"

#define FUZZ_CHECK(cond, what)                                                      \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s (%s)\n", __FILE__,       \
                   __LINE__, #cond, std::string(what).c_str());                     \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace notwork::fuzz {

// The core's one-time, process-wide start-up (the rules, their shared lexicon sets), for a
// target's LLVMFuzzerInitialize: done there, before the first input, it is not counted in
// that input's time. libFuzzer's -timeout (wall time) would otherwise count it on a busy
// machine, and its alarm handler, interrupting the allocator, can deadlock (seen in a long
// run: stuck with no CPU for 20 minutes).
inline void start_up() {
  while (notwork::prepare_step() > 0) {
  }
}

// Output of the core is always valid JSON: parse it or fail.
inline nlohmann::json parse_output(const std::string& text, const char* what) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  FUZZ_CHECK(!value.is_discarded(), std::string(what) + " returned invalid JSON: " + text.substr(0, 200));
  return value;
}

inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// A result as the facade documents it (docs/ARCHITECTURE.md, "Result").
inline void check_result(const nlohmann::json& r) {
  FUZZ_CHECK(r.is_object(), "a result must be an object");
  static const char* const kLabels[] = {"autofeed", "pure_promo", "genuine_share", "conversation", "neutral"};
  FUZZ_CHECK(r.contains("label") && r["label"].is_string(), "result without a label");
  bool known = false;
  for (const char* l : kLabels) known = known || r["label"] == l;
  FUZZ_CHECK(known, "unknown label " + r["label"].dump());
  FUZZ_CHECK(r.contains("scores") && r["scores"].is_object(), "result without scores");
  for (const auto& [label, score] : r["scores"].items()) {
    FUZZ_CHECK(score.is_number(), "score of " + label + " is not a number");
    const double s = score.get<double>();
    FUZZ_CHECK(s >= 0.0 && s <= 1.0, "score of " + label + " out of 0..1: " + score.dump());
  }
  FUZZ_CHECK(r.contains("reasons") && r["reasons"].is_array(), "result without reasons");
  for (const auto& reason : r["reasons"]) {
    FUZZ_CHECK(reason.is_object() && reason.contains("rule") && reason.contains("contribution"),
               "malformed reason " + reason.dump());
    FUZZ_CHECK(reason["contribution"].is_number(), "contribution is not a number");
  }
}

}  // namespace notwork::fuzz
