// Shared pieces of the input formats: names, detection, safe parsing and the Post shape check.
#include "notwork/formats.h"

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "util.h"

namespace notwork::formats {

namespace {

std::string_view trim_left(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);  // UTF-8 byte order mark
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// Deepest bracket nesting outside strings; stops counting once past `limit`.
int nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return deepest;
}

// nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1,
// column 5: syntax error while parsing value - invalid literal; last read: 'x'".
std::string tidy_parse_message(std::string message) {
  if (auto p = message.find("] "); p != std::string::npos && message.rfind("[json.", 0) == 0)
    message.erase(0, p + 2);
  for (std::string_view prefix : {"parse error at line 1, ", "parse error at "})
    if (message.rfind(prefix, 0) == 0) { message.erase(0, prefix.size()); break; }
  std::string clean;  // keep stderr readable: no control bytes, bounded length
  for (unsigned char c : message) {
    if (clean.size() >= 160) { clean += "..."; break; }
    clean += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
  }
  return clean;
}

const char* type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::binary: return "binary data";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

constexpr const char* kStringFields[] = {"author", "author_name", "author_url", "created_at",
                                         "reply_to", "quoted_author", "site", "source_client",
                                         "kind", "lang"};
constexpr const char* kBoolFields[] = {"is_reply", "is_repost", "automated"};
constexpr const char* kListFields[] = {"links", "mentions", "hashtags"};
constexpr const char* kKinds[] = {"post", "comment", "dm", "invitation", "draft"};

}  // namespace

const char* format_name(Format format) {
  switch (format) {
    case Format::outbox: return "outbox";
    case Format::tweets: return "tweets";
    default: return "jsonl";
  }
}

const char* format_description(Format format) {
  switch (format) {
    case Format::outbox: return "Mastodon outbox.json";
    case Format::tweets: return "X/Twitter archive tweets.js";
    default: return "JSON Lines";
  }
}

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "jsonl" || name == "json-lines" || name == "ndjson") return Format::jsonl;
  if (name == "outbox" || name == "mastodon") return Format::outbox;
  if (name == "tweets" || name == "twitter" || name == "x") return Format::tweets;
  return std::nullopt;
}

Format detect_format(std::string_view document) {
  std::string_view s = trim_left(document);
  if (s.substr(0, 11) == "window.YTD.") return Format::tweets;
  auto is_outbox = [](const Json& v) {
    return v.is_object() && (v.contains("orderedItems") ||
                             (v.contains("type") && v["type"].is_string() &&
                              v["type"].get<std::string>().rfind("OrderedCollection", 0) == 0));
  };
  auto is_tweet_array = [](const Json& v) {
    return v.is_array() && !v.empty() && v.front().is_object() &&
           (v.front().contains("tweet") || v.front().contains("full_text"));
  };
  if (s.empty() || (s.front() != '{' && s.front() != '[')) return Format::jsonl;
  Json first;
  std::string_view first_line = s.substr(0, s.find('\n'));
  if (parse_json(first_line, first).empty()) {
    if (is_outbox(first)) return Format::outbox;
    if (is_tweet_array(first)) return Format::tweets;
    return Format::jsonl;  // a complete value on the first line: JSON Lines
  }
  Json whole;  // pretty-printed: one document over many lines
  if (parse_json(s, whole).empty()) {
    if (is_outbox(whole)) return Format::outbox;
    if (is_tweet_array(whole)) return Format::tweets;
  }
  return Format::jsonl;
}

std::string describe(const Problem& problem) {
  if (problem.line > 0) return "line " + std::to_string(problem.line) + ": " + problem.message;
  if (!problem.where.empty()) return problem.where + ": " + problem.message;
  return problem.message;
}

std::string parse_json(std::string_view text, Json& out) {
  if (nesting_depth(text, kMaxDepth) > kMaxDepth)
    return "nested deeper than " + std::to_string(kMaxDepth) + " levels";
  try {
    out = Json::parse(text.begin(), text.end());
    return {};
  } catch (const Json::parse_error& e) {
    return "not valid JSON: " + tidy_parse_message(e.what());
  } catch (const std::exception& e) {
    return "not valid JSON: " + tidy_parse_message(e.what());
  }
}

namespace {
// "\"key\" must be <expected>, not <type of value>", or "\"key\"[index] must be ..." for an
// item of a list (kept out of check_post's way: a post is almost always fine).
NOTWORK_NOINLINE std::string wrong_type(const char* key, const char* expected, const Json& value,
                                        std::ptrdiff_t index = -1) {
  std::string where = "\"" + std::string(key) + "\"";
  if (index >= 0) where += "[" + std::to_string(index) + "]";
  return where + " must be " + expected + ", not " + type_name(value);
}
}  // namespace

std::string check_post(const Json& post) {
  if (!post.is_object()) return std::string("a post must be a JSON object, not ") + type_name(post);
  auto text = post.find("text");
  if (text == post.end()) return "missing \"text\" (the post's text, a string)";
  if (!text->is_string()) return wrong_type("text", "a string", *text);
  if (auto id = post.find("id"); id != post.end() && !id->is_null() && !id->is_string() &&
                                 !id->is_number())
    return wrong_type("id", "a string or a number", *id);
  for (const char* key : kStringFields) {
    auto it = post.find(key);
    if (it != post.end() && !it->is_null() && !it->is_string()) return wrong_type(key, "a string", *it);
  }
  for (const char* key : kBoolFields) {
    auto it = post.find(key);
    if (it != post.end() && !it->is_null() && !it->is_boolean()) return wrong_type(key, "true or false", *it);
  }
  for (const char* key : kListFields) {
    auto it = post.find(key);
    if (it == post.end() || it->is_null()) continue;
    if (!it->is_array()) return wrong_type(key, "an array of strings", *it);
    for (std::size_t i = 0; i < it->size(); ++i)
      if (!(*it)[i].is_string())
        return wrong_type(key, "a string", (*it)[i], static_cast<std::ptrdiff_t>(i));
  }
  if (auto kind = post.find("kind"); kind != post.end() && kind->is_string()) {
    const auto& k = kind->get_ref<const std::string&>();
    if (std::none_of(std::begin(kKinds), std::end(kKinds), [&](const char* x) { return k == x; }))
      return "\"kind\" must be one of post, comment, dm, invitation, draft (got \"" +
             k.substr(0, 40) + "\")";
  }
  return {};
}

Json core_fields(const Json& post) {
  Json out = Json::object();
  auto copy = [&](const char* key) {
    auto it = post.find(key);
    if (it != post.end() && !it->is_null()) out[key] = *it;
  };
  copy("text");
  if (auto id = post.find("id"); id != post.end() && !id->is_null())
    out["id"] = id->is_string() ? *id : Json(dump(*id));
  for (const char* key : kStringFields) copy(key);
  for (const char* key : kBoolFields) copy(key);
  for (const char* key : kListFields) copy(key);
  for (const char* key : {"unopened_links", "unread_links"}) {  // drafts (P4); strings only
    auto it = post.find(key);
    if (it == post.end() || !it->is_array()) continue;
    Json list = Json::array();
    for (const Json& item : *it)
      if (item.is_string()) list.push_back(item);
    out[key] = std::move(list);
  }
  return out;
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Posts read_document(std::string_view document, Format format) {
  switch (format) {
    case Format::outbox: return read_outbox(document);
    case Format::tweets: return read_tweets(document);
    default: return read_jsonl(document);
  }
}

}  // namespace notwork::formats
