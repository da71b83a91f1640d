// X/Twitter archive: data/tweets.js, a JavaScript assignment of an array of
// {"tweet": {...}} entries (older archives: tweet.js, entries without the wrapper).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <unordered_set>
#include <utility>
#include <vector>

#include "notwork/formats.h"

namespace notwork::formats {

namespace {

std::string string_at(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
  return {};
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {  // H. Hinnant's algorithm
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The text with its short URLs expanded and its media URLs removed, in one pass over the
// original text: an expanded URL is never searched again (replacing entity after entity in
// the growing text let each entity double it), and the text grows by at most the expanded
// URLs. Each URL entity stands for one place in the text (the archive gives each its own
// `indices`, but they count code points of the unescaped text, so they are not used): the
// first occurrence of its short URL that no earlier entity took. Media URLs (attached
// photos, not links the author shared) go wherever they are. Only the first
// kMaxUrlEntities and kMaxMediaEntities, with short URLs of at most kMaxShortUrl bytes,
// rewrite the text (a tweet has a handful of links and one media URL; t.co URLs are 23
// bytes), which bounds the searching.
constexpr std::size_t kMaxUrlEntities = 16;
constexpr std::size_t kMaxMediaEntities = 4;
constexpr std::size_t kMaxShortUrl = 64;

struct Edit {
  std::size_t pos, len;
  const std::string* with;  // nullptr: removed
};

std::string rewrite_urls(const std::string& text,
                         const std::vector<std::pair<std::string, std::string>>& urls,
                         const std::vector<std::string>& media) {
  std::vector<Edit> edits;
  std::vector<bool> taken;  // bytes of the text that an edit replaces (edits never overlap)
  auto is_free = [&](std::size_t pos, std::size_t len) {
    if (taken.empty()) taken.resize(text.size(), false);
    for (std::size_t k = pos; k < pos + len; ++k)
      if (taken[k]) return false;
    return true;
  };
  auto take = [&](std::size_t pos, std::size_t len, const std::string* with) {
    for (std::size_t k = pos; k < pos + len; ++k) taken[k] = true;
    edits.push_back({pos, len, with});
  };
  for (const auto& [shortened, expanded] : urls) {
    for (std::size_t pos = 0; (pos = text.find(shortened, pos)) != std::string::npos; ++pos) {
      if (!is_free(pos, shortened.size())) continue;
      take(pos, shortened.size(), &expanded);
      break;
    }
  }
  for (const std::string& url : media) {
    for (std::size_t pos = 0; (pos = text.find(url, pos)) != std::string::npos;) {
      if (!is_free(pos, url.size())) { ++pos; continue; }
      take(pos, url.size(), nullptr);
      pos += url.size();
    }
  }
  if (edits.empty()) return text;
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.pos < b.pos; });
  std::string out;
  std::size_t at = 0;
  for (const Edit& e : edits) {
    out.append(text, at, e.pos - at);
    if (e.with) out += *e.with;
    at = e.pos + e.len;
  }
  out.append(text, at, std::string::npos);
  return out;
}

// "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>" -> "Twitter Web App"
std::string client_name(const std::string& source) {
  std::string text;
  bool in_tag = false;
  for (char c : source) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) text += c;
  }
  text = decode_entities(text);
  auto first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

Json tweet_to_post(const Json& tweet) {
  Json post = Json::object();
  std::string id = string_at(tweet, "id_str");
  if (id.empty()) id = string_at(tweet, "id");
  if (!id.empty()) post["id"] = id;

  std::string text = string_at(tweet, "full_text");
  if (text.empty()) text = string_at(tweet, "text");
  const Json entities = tweet.value("entities", Json::object());
  Json links = Json::array(), mentions = Json::array(), hashtags = Json::array();
  auto list = [&](const char* key) {
    auto it = entities.find(key);
    return it != entities.end() && it->is_array() ? *it : Json::array();
  };
  std::vector<std::pair<std::string, std::string>> rewrites;
  std::vector<std::string> media_urls;
  std::unordered_set<std::string> listed;
  for (const auto& url : list("urls")) {
    if (!url.is_object()) continue;
    std::string shortened = string_at(url, "url"), expanded = string_at(url, "expanded_url");
    if (expanded.empty()) continue;
    // The text shows what the author linked to.
    if (!shortened.empty() && shortened.size() <= kMaxShortUrl && rewrites.size() < kMaxUrlEntities)
      rewrites.emplace_back(std::move(shortened), expanded);
    if (listed.insert(expanded).second) links.push_back(std::move(expanded));
  }
  for (const auto& media : list("media")) {
    if (!media.is_object() || media_urls.size() >= kMaxMediaEntities) continue;
    std::string url = string_at(media, "url");
    if (!url.empty() && url.size() <= kMaxShortUrl) media_urls.push_back(std::move(url));
  }
  text = rewrite_urls(text, rewrites, media_urls);
  for (const auto& m : list("user_mentions"))
    if (m.is_object() && !string_at(m, "screen_name").empty())
      mentions.push_back(string_at(m, "screen_name"));
  for (const auto& h : list("hashtags"))
    if (h.is_object() && !string_at(h, "text").empty()) hashtags.push_back(string_at(h, "text"));

  text = decode_entities(text);  // the archive escapes &, < and > in full_text
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  post["text"] = text;
  if (auto user = tweet.find("user"); user != tweet.end() && user->is_object()) {
    if (std::string handle = string_at(*user, "screen_name"); !handle.empty()) post["author"] = handle;
    if (std::string name = string_at(*user, "name"); !name.empty()) post["author_name"] = name;
  }
  if (std::string created = twitter_date_to_iso(string_at(tweet, "created_at")); !created.empty())
    post["created_at"] = created;
  post["links"] = std::move(links);
  post["mentions"] = std::move(mentions);
  post["hashtags"] = std::move(hashtags);

  std::string parent = string_at(tweet, "in_reply_to_status_id_str");
  if (parent.empty()) parent = string_at(tweet, "in_reply_to_status_id");
  std::string reply_to = string_at(tweet, "in_reply_to_screen_name");
  post["is_reply"] = !parent.empty() || !reply_to.empty();
  if (!reply_to.empty()) post["reply_to"] = reply_to;

  bool retweet = text.rfind("RT @", 0) == 0;
  if (auto rt = tweet.find("retweeted"); rt != tweet.end() && rt->is_boolean() && rt->get<bool>())
    retweet = true;
  post["is_repost"] = retweet;
  if (text.rfind("RT @", 0) == 0) {
    std::size_t end = 4;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
      ++end;
    if (end > 4) post["quoted_author"] = text.substr(4, end - 4);
  }
  if (std::string client = client_name(string_at(tweet, "source")); !client.empty())
    post["source_client"] = client;
  post["site"] = "x";
  return post;
}

}  // namespace

std::string twitter_date_to_iso(std::string_view date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<std::string_view, 6> f;  // weekday month day hh:mm:ss +zzzz year
  std::size_t n = 0;
  while (!date.empty()) {
    while (!date.empty() && date.front() == ' ') date.remove_prefix(1);
    if (date.empty()) break;
    if (n == f.size()) return {};
    std::size_t end = std::min(date.find(' '), date.size());
    f[n++] = date.substr(0, end);
    date.remove_prefix(end);
  }
  if (n != 6) return {};
  unsigned month = 0;
  for (unsigned i = 0; i < 12; ++i)
    if (f[1] == kMonths[i]) month = i + 1;
  const auto& t = f[3];
  const auto& z = f[4];
  if (!month || !all_digits(f[2]) || f[2].size() > 2 || !all_digits(f[5]) || f[5].size() != 4 ||
      t.size() != 8 || t[2] != ':' || t[5] != ':' || !all_digits(t.substr(0, 2)) ||
      !all_digits(t.substr(3, 2)) || !all_digits(t.substr(6, 2)) || z.size() != 5 ||
      (z[0] != '+' && z[0] != '-') || !all_digits(z.substr(1)))
    return {};
  int day = to_int(f[2]), year = to_int(f[5]);
  int hh = to_int(t.substr(0, 2)), mm = to_int(t.substr(3, 2)), ss = to_int(t.substr(6, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day < 1 || day > kDays[month - 1] || hh > 23 || mm > 59 || ss > 60) return {};
  int offset = (to_int(z.substr(1, 2)) * 60 + to_int(z.substr(3, 2))) * (z[0] == '-' ? -1 : 1);
  std::int64_t seconds = days_from_civil(year, month, static_cast<unsigned>(day)) * 86400 +
                         hh * 3600 + mm * 60 + ss - offset * 60;
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  std::int64_t rest = seconds - days * 86400, y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char out[32];
  std::snprintf(out, sizeof out, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                d, static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60),
                static_cast<int>(rest % 60));
  return out;
}

Posts read_tweets(std::string_view document) {
  Posts result;
  std::string_view body = document;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && body.substr(start, 7) == "window.") {
    std::size_t eq = body.find('=', start);
    if (eq == std::string_view::npos) {
      result.problems.push_back({0, {}, "tweets.js has no \"window.YTD... = [\" assignment"});
      result.fatal = true;
      return result;
    }
    body.remove_prefix(eq + 1);
  }
  std::size_t last = body.find_last_not_of(" \t\r\n;");
  body = body.substr(0, last == std::string_view::npos ? 0 : last + 1);
  Json doc;
  if (std::string problem = parse_json(body, doc); !problem.empty()) {
    result.problems.push_back({0, {}, "tweets.js is " + problem});
    result.fatal = true;
    return result;
  }
  if (!doc.is_array()) {
    result.problems.push_back({0, {}, "tweets.js must hold an array of tweets"});
    result.fatal = true;
    return result;
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const Json& entry = doc[i];
    const Json* tweet = &entry;
    if (entry.is_object())
      if (auto it = entry.find("tweet"); it != entry.end()) tweet = &*it;
    if (!tweet->is_object() || !(tweet->contains("full_text") || tweet->contains("text"))) {
      result.problems.push_back({0, "/" + std::to_string(i), "not a tweet (no \"full_text\"); skipped"});
      continue;
    }
    result.posts.push_back(tweet_to_post(*tweet));
  }
  return result;
}

}  // namespace notwork::formats
