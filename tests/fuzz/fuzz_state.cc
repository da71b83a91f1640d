// Session::import_state on arbitrary bytes (meant to be an author-memory state document,
// docs/ARCHITECTURE.md "Author memory"): the answer is {"ok": bool, ...} with an "error" when
// refused; a refused state changes nothing (the session's own state is exported unchanged);
// an accepted one round-trips (exported, imported into a fresh session and exported again, it
// is the same document), and the session still scores.
//
// A state ends with a checksum (FNV-1a 64 of the bytes before `,"checksum":"`), so almost
// every mutated document is refused at its end. Each input is therefore imported twice: as
// it is (the checksum check itself, truncations, garbage), and signed — its bytes before
// the last `,"checksum":"` (all of it when there is none) with the right checksum appended —
// so that mutations reach the reader behind the checksum (versions, authors, posts, the
// base64 signatures, the limits). Both imports get the same properties.
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
constexpr std::string_view kChecksumKey = R"(,"checksum":")";

// The export of a fresh session that has scored the probe (each import below starts from
// such a session), computed once per process.
const std::string& probe_state() {
  static const std::string state = [] {
    notwork::Session s;
    s.score_batch(kProbe);
    return s.export_state();
  }();
  return state;
}

// The bytes before the last checksum key, with the checksum the state format asks for
// (FNV-1a 64, 16 lowercase hex digits) and the closing `"}`.
std::string signed_state(std::string_view input) {
  const std::size_t at = input.rfind(kChecksumKey);
  std::string out(at == std::string_view::npos ? input : input.substr(0, at));
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : out) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  out += kChecksumKey;
  static const char* const kDigits = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) hex[static_cast<std::size_t>(i)] = kDigits[h & 15];
  out += hex;
  out += "\"}";
  return out;
}

// Imports `state` into a session that has scored the probe and checks the answer; returns
// whether the state was accepted.
bool check_import(std::string_view state) {
  notwork::Session session;
  session.score_batch(kProbe);
  const std::string answer_text = session.import_state(state);
  nlohmann::json answer = notwork::fuzz::parse_output(answer_text, "import_state");
  FUZZ_CHECK(answer.is_object() && answer["ok"].is_boolean(), "import_state's answer has ok: " + answer_text.substr(0, 200));
  const bool ok = answer["ok"].get<bool>();
  if (!ok) {
    FUZZ_CHECK(answer["error"].is_string() && !answer["error"].get<std::string>().empty(),
               "a refused state says why");
    FUZZ_CHECK(session.export_state() == probe_state(), "a refused state changed the context");
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
  return ok;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  probe_state();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view state(reinterpret_cast<const char*>(data), size);
  const bool accepted = check_import(state);
  const std::string signed_doc = signed_state(state);
  if (signed_doc == state) return 0;  // already signed: imported above
  FUZZ_CHECK(!accepted, "a state whose checksum is wrong was accepted");
  check_import(signed_doc);
  return 0;
}
