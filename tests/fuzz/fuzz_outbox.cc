// formats::read_outbox on arbitrary bytes (meant to be a Mastodon export's outbox.json):
// posts in the Post shape, Mastodon posts, links that are web links.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_formats_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  notwork::formats::Posts result = notwork::formats::read_outbox(document);
  notwork::fuzz::check_posts(result, "outbox");
  for (const auto& post : result.posts) {
    FUZZ_CHECK(post.value("site", "") == "mastodon", "outbox posts are Mastodon posts");
    for (const auto& link : post.value("links", notwork::formats::Json::array())) {
      std::string l = link.get<std::string>().substr(0, 8);
      for (char& c : l) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      FUZZ_CHECK(l.rfind("http://", 0) == 0 || l.rfind("https://", 0) == 0,
                 "a link is a web link: " + link.get<std::string>().substr(0, 80));
    }
  }
  notwork::formats::detect_format(document);
  return 0;
}
