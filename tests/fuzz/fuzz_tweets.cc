// formats::read_tweets on arbitrary bytes (meant to be an X archive's tweets.js): posts in
// the Post shape, X posts, no text longer than the document (the expanded URLs replace the
// short ones once each, never cascading), each link once. twitter_date_to_iso on the same
// bytes: "" or "YYYY-MM-DDTHH:MM:SSZ".
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_formats_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  notwork::formats::Posts result = notwork::formats::read_tweets(document);
  notwork::fuzz::check_posts(result, "tweets");
  for (const auto& post : result.posts) {
    FUZZ_CHECK(post.value("site", "") == "x", "tweets are X posts");
    FUZZ_CHECK(post["text"].get_ref<const std::string&>().size() <= size,
               "a tweet's text is never longer than the document");
    std::set<std::string> seen;
    for (const auto& link : post["links"])
      FUZZ_CHECK(seen.insert(link.get<std::string>()).second, "each link once");
  }
  const std::string iso = notwork::formats::twitter_date_to_iso(document);
  if (!iso.empty()) {
    FUZZ_CHECK(iso.size() == 20 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' && iso[13] == ':' &&
                   iso[16] == ':' && iso[19] == 'Z',
               "an ISO date: " + iso);
  }
  return 0;
}
