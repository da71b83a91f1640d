// Session::score_batch and Session::audit on arbitrary bytes (meant to be a JSON array of
// posts): either std::invalid_argument, or one valid result per post; the same input
// scored twice on one session (the second time with the first as its context) still gives
// one valid result per post; an audit of the same posts is a JSON object.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "notwork/api.h"

using notwork::fuzz::check_result;
using notwork::fuzz::parse_output;

namespace {
void check_results(const std::string& out, std::size_t expected) {
  nlohmann::json results = parse_output(out, "score_batch");
  FUZZ_CHECK(results.is_array(), "score_batch must return an array");
  if (expected != static_cast<std::size_t>(-1))
    FUZZ_CHECK(results.size() == expected, "one result per post: " + std::to_string(results.size()) +
                                               " for " + std::to_string(expected));
  for (const auto& r : results) {
    check_result(r);
    double previous = INFINITY;
    for (const auto& reason : r["reasons"]) {
      const double c = std::fabs(reason["contribution"].get<double>());
      FUZZ_CHECK(c <= previous + 2e-4, "reasons are sorted strongest first");
      previous = c;
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  notwork::Session session;
  std::string first;
  try {
    first = session.score_batch(input);
  } catch (const std::invalid_argument&) {
    // Not an array of posts: the documented answer. The audit must refuse it too.
    bool refused = false;
    try {
      session.audit(input);
    } catch (const std::invalid_argument&) {
      refused = true;
    }
    FUZZ_CHECK(refused, "audit accepted what score_batch refused");
    return 0;
  }
  // The input was accepted, so it is a JSON array (possibly with more than the core reads).
  nlohmann::json doc = nlohmann::json::parse(input, nullptr, false);
  check_results(first, doc.is_array() ? doc.size() : static_cast<std::size_t>(-1));
  check_results(session.score_batch(input), doc.is_array() ? doc.size() : static_cast<std::size_t>(-1));
  nlohmann::json report = parse_output(session.audit(input), "audit");
  FUZZ_CHECK(report.is_object(), "audit must return an object");
  return 0;
}
