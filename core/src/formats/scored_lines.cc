// `notwork score` lines: posts passed to the core as compact JSON of the fields it reads,
// the core's answer split into its results, each spliced into its post's serialisation.
#include "notwork/scored_lines.h"

#include <stdexcept>

namespace notwork::formats {

namespace {

constexpr const char* kStringFields[] = {"author", "author_name", "author_url", "created_at",
                                         "reply_to", "quoted_author", "site", "source_client",
                                         "kind"};
constexpr const char* kBoolFields[] = {"is_reply", "is_repost", "automated"};
constexpr const char* kListFields[] = {"links", "mentions", "hashtags", "unopened_links",
                                       "unread_links"};
constexpr const char* kResultKeys[] = {"label", "scores", "reasons"};

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t n;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; min = 0x10000; }
    else return false;
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

// A JSON string; text that is not valid UTF-8 goes through nlohmann (U+FFFD replacement).
void append_string(const std::string& s, std::string& out) {
  if (!valid_utf8(s)) {
    out += dump(Json(s));
    return;
  }
  static const char* hex = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

void append_key(const char* key, bool& first, std::string& out) {
  if (!first) out += ',';
  first = false;
  out += '"';
  out += key;
  out += "\":";
}

}  // namespace

void append_core_post(const Json& post, std::string& out) {
  bool first = true;
  out += '{';
  auto text = post.find("text");
  if (text != post.end() && text->is_string()) {
    append_key("text", first, out);
    append_string(text->get_ref<const std::string&>(), out);
  }
  if (auto id = post.find("id"); id != post.end() && !id->is_null()) {
    append_key("id", first, out);
    append_string(id->is_string() ? id->get_ref<const std::string&>() : dump(*id), out);
  }
  for (const char* key : kStringFields) {
    auto it = post.find(key);
    if (it == post.end() || !it->is_string()) continue;
    append_key(key, first, out);
    append_string(it->get_ref<const std::string&>(), out);
  }
  for (const char* key : kBoolFields) {
    auto it = post.find(key);
    if (it == post.end() || !it->is_boolean()) continue;
    append_key(key, first, out);
    out += it->get<bool>() ? "true" : "false";
  }
  for (const char* key : kListFields) {
    auto it = post.find(key);
    if (it == post.end() || !it->is_array()) continue;
    append_key(key, first, out);
    out += '[';
    bool first_item = true;
    for (const Json& item : *it) {
      if (!item.is_string()) continue;  // the core reads strings only
      if (!first_item) out += ',';
      first_item = false;
      append_string(item.get_ref<const std::string&>(), out);
    }
    out += ']';
  }
  out += '}';
}

bool split_results(std::string_view answer, std::vector<std::string_view>* results) {
  results->clear();
  size_t i = 0;
  while (i < answer.size() && answer[i] != '[') ++i;
  if (i == answer.size()) return false;
  ++i;
  int depth = 0;
  bool in_string = false;
  size_t start = 0;
  for (; i < answer.size(); ++i) {
    const char c = answer[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (depth++ == 0) start = i;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return c == ']';  // the end of the answer
      if (--depth == 0) {
        if (c != '}') return false;
        results->push_back(answer.substr(start, i + 1 - start));
      }
    }
  }
  return false;
}

void append_lines(const std::vector<Json>& posts, std::string& out) {
  for (const Json& post : posts) {
    out += dump(post);
    out += '\n';
  }
}

void append_scored_lines(Session& session, const std::vector<Json>& posts, std::string& out) {
  if (posts.empty()) return;
  std::string batch;
  batch.reserve(posts.size() * 256);
  batch += '[';
  for (size_t i = 0; i < posts.size(); ++i) {
    if (i) batch += ',';
    append_core_post(posts[i], batch);
  }
  batch += ']';
  const std::string answer = session.score_batch(batch);
  std::vector<std::string_view> results;
  if (!split_results(answer, &results) || results.size() != posts.size())
    throw std::runtime_error("the core returned " + std::to_string(results.size()) + " results for " +
                             std::to_string(posts.size()) + " posts");
  for (size_t i = 0; i < posts.size(); ++i) {
    const Json& post = posts[i];
    const std::string_view result = results[i];  // {"label":..,"scores":{..},"reasons":[..]}
    bool clash = !post.is_object();
    for (const char* key : kResultKeys) clash = clash || post.contains(key);
    if (!clash && result.size() > 2) {
      const size_t at = out.size();
      out += dump(post);  // "{...}" with the post's own fields
      out.pop_back();     // its closing brace
      if (out.size() - at > 1) out += ',';
      out.append(result.data() + 1, result.size() - 1);
    } else {
      // The post has fields of the same names: the result's values replace them in place.
      Json merged = post;
      Json parsed;
      if (std::string problem = parse_json(result, parsed); !problem.empty())
        throw std::runtime_error("the core returned " + problem);
      for (const char* key : kResultKeys)
        if (auto it = parsed.find(key); it != parsed.end()) merged[key] = *it;
      out += dump(merged);
    }
    out += '\n';
  }
}

}  // namespace notwork::formats
