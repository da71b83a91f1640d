// Session::configure on arbitrary bytes (meant to be a configuration document): the answer
// is {"ok": bool, "errors": [{"path","message"}]}, the same as validate_config's; "ok"
// exactly when there are no errors; a refused document leaves the session as it was (its
// scores unchanged), an accepted one can be applied again and the session still scores.
// Each input gets a fresh session (an accepted document changes its configuration); what a
// session with the defaults scores is computed once per process, on a session of its own.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "notwork/api.h"

namespace {
constexpr std::string_view kProbe =
    R"([{"id":"1","author":"alice","text":"New post: Ten tips for better gardens https://alice.example/blog/ten-tips #rss","created_at":"2023-03-01T10:00:00Z"},)"
    R"({"id":"2","author":"bob","text":"Loved this talk by @maria about soil https://talks.example.org/maria-soil limited offer"}])";
// The probe's results on a fresh session with the defaults, the probe scored once before
// (as `session` below has it when a refused document changed nothing).
const std::string& default_scores() {
  static const std::string scores = [] {
    notwork::Session fresh;
    fresh.score_batch(kProbe);
    return fresh.score_batch(kProbe);
  }();
  return scores;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  default_scores();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view config(reinterpret_cast<const char*>(data), size);
  notwork::Session session;
  session.score_batch(kProbe);  // some context first (the fresh session below gets the same)
  const std::string answer_text = session.configure(config);
  nlohmann::json answer = notwork::fuzz::parse_output(answer_text, "configure");
  FUZZ_CHECK(answer.is_object() && answer["ok"].is_boolean() && answer["errors"].is_array(),
             "configure's answer has ok and errors: " + answer_text.substr(0, 200));
  const bool ok = answer["ok"].get<bool>();
  FUZZ_CHECK(ok == answer["errors"].empty(), "ok exactly when there are no errors");
  for (const auto& e : answer["errors"])
    FUZZ_CHECK(e.is_object() && e["path"].is_string() && e["message"].is_string() &&
                   !e["message"].get<std::string>().empty(),
               "each error has a path and a message: " + e.dump());
  FUZZ_CHECK(answer_text == notwork::validate_config(config), "configure and validate_config agree");

  const std::string after = session.score_batch(kProbe);
  nlohmann::json results = notwork::fuzz::parse_output(after, "score_batch");
  FUZZ_CHECK(results.is_array() && results.size() == 2, "two results");
  for (const auto& r : results) notwork::fuzz::check_result(r);
  if (!ok) {
    // Nothing applied: a fresh session with the defaults scores the probe the same way.
    FUZZ_CHECK(after == default_scores(), "a refused configuration changed the scores");
  } else {
    FUZZ_CHECK(session.configure(config) == answer_text, "an accepted configuration is accepted again");
  }
  return 0;
}
