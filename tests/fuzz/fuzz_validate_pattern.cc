// validate_pattern on arbitrary bytes (a custom RE2 pattern from the options page):
// {"ok": bool, "error": string}, an error exactly when not ok; a pattern it accepts is
// accepted by configure as a custom pattern, and the session then scores posts (among them
// one whose text is the pattern itself) with valid results.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "notwork/api.h"
#include "notwork/formats.h"

using notwork::formats::Json;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  notwork::fuzz::start_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view pattern(reinterpret_cast<const char*>(data), size);
  const std::string answer_text = notwork::validate_pattern(pattern);
  nlohmann::json answer = notwork::fuzz::parse_output(answer_text, "validate_pattern");
  FUZZ_CHECK(answer.is_object() && answer["ok"].is_boolean() && answer["error"].is_string(),
             "validate_pattern's answer has ok and error: " + answer_text.substr(0, 200));
  const bool ok = answer["ok"].get<bool>();
  FUZZ_CHECK(ok == answer["error"].get<std::string>().empty(), "an error exactly when not ok");
  if (!ok || !notwork::fuzz::valid_utf8(pattern)) return 0;  // a JSON document carries UTF-8 only

  Json config = {{"version", 1},
                 {"patterns", Json::array({{{"id", "fuzz"}, {"pattern", std::string(pattern)},
                                            {"label", "pure_promo"}, {"weight", 1.5}}})}};
  notwork::Session session;
  const std::string configured = session.configure(notwork::formats::dump(config));
  nlohmann::json result = notwork::fuzz::parse_output(configured, "configure");
  FUZZ_CHECK(result["ok"] == true, "a valid pattern is a valid custom pattern: " + configured.substr(0, 300));

  Json posts = Json::array({{{"text", std::string(pattern)}, {"author", "alice"}},
                            {{"text", "limited offer, buy now https://shop.example/x"}, {"author", "alice"}},
                            {{"text", ""}, {"author", "bob"}}});
  nlohmann::json results = notwork::fuzz::parse_output(session.score_batch(notwork::formats::dump(posts)), "score_batch");
  FUZZ_CHECK(results.is_array() && results.size() == 3, "three results");
  for (const auto& r : results) notwork::fuzz::check_result(r);
  return 0;
}
