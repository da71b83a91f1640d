// Session::import_state on arbitrary bytes (meant to be an author-memory state document,
// docs/ARCHITECTURE.md "Author memory"): the answer is {"ok": bool, ...} with an "error" when
// refused; a refused state changes nothing (the session's own state is exported unchanged);
// an accepted one round-trips (exported, imported into a fresh session and exported again, it
// is the same document), and the session still scores.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "notwork/api.h"

namespace {
constexpr std::string_view kProbe =
    R"([{"id":"1","author":"alice","site":"x","text":"New post: Ten tips for better gardens https://alice.example/blog/ten-tips #rss","created_at":"2023-03-01T10:00:00Z"},)"
    R"({"id":"2","author":"bob","site":"x","text":"Loved this talk by @maria about soil https://talks.example.org/maria-soil","created_at":"2023-03-01T11:00:00Z"}])";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view state(reinterpret_cast<const char*>(data), size);
  notwork::Session session;
  session.score_batch(kProbe);
  const std::string before = session.export_state();
  const std::string answer_text = session.import_state(state);
  nlohmann::json answer = notwork::fuzz::parse_output(answer_text, "import_state");
  FUZZ_CHECK(answer.is_object() && answer["ok"].is_boolean(), "import_state's answer has ok: " + answer_text.substr(0, 200));
  if (!answer["ok"].get<bool>()) {
    FUZZ_CHECK(answer["error"].is_string() && !answer["error"].get<std::string>().empty(),
               "a refused state says why");
    FUZZ_CHECK(session.export_state() == before, "a refused state changed the context");
  } else {
    const std::string exported = session.export_state();
    notwork::Session fresh;
    nlohmann::json again = notwork::fuzz::parse_output(fresh.import_state(exported), "import_state");
    FUZZ_CHECK(again.is_object() && again["ok"] == true, "an exported state is accepted again");
    FUZZ_CHECK(fresh.export_state() == exported, "an exported state round-trips");
  }
  nlohmann::json results = notwork::fuzz::parse_output(session.score_batch(kProbe), "score_batch");
  FUZZ_CHECK(results.is_array() && results.size() == 2, "two results after import");
  for (const auto& r : results) notwork::fuzz::check_result(r);
  return 0;
}
