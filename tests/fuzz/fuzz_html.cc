// formats::html_to_text and decode_entities on arbitrary bytes (post bodies from Mastodon
// and X): the text is never much longer than the HTML, every link is a web link written
// into the text and listed once; decoded entities never make a text longer. handle_from_url
// and host_of on the same bytes.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "notwork/formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> links;
  const std::string text = notwork::formats::html_to_text(html, &links);
  // Tags become at most two line breaks or one space each (every tag has 3 or more bytes).
  FUZZ_CHECK(text.size() <= size + size / 3 + 1, "text of " + std::to_string(text.size()) +
                                                     " bytes from " + std::to_string(size) + " of HTML");
  std::set<std::string> seen;
  for (const std::string& link : links) {
    FUZZ_CHECK(seen.insert(link).second, "each link listed once: " + link.substr(0, 80));
    std::string scheme = link.substr(0, 8);
    for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    FUZZ_CHECK(scheme.rfind("http://", 0) == 0 || scheme.rfind("https://", 0) == 0, "a web link: " + link.substr(0, 80));
    FUZZ_CHECK(text.find(link) != std::string::npos, "a link is written into the text: " + link.substr(0, 80));
  }
  FUZZ_CHECK(notwork::formats::html_to_text(html) == text, "links or not, the same text");
  FUZZ_CHECK(notwork::formats::decode_entities(html).size() <= size, "decoding never lengthens a text");
  notwork::formats::handle_from_url(html, "mastodon.social");
  notwork::formats::host_of(html);
  return 0;
}
