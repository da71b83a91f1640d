#include "json_io.h"

#include <cstring>
#include <stdexcept>

#include "lang/lang.h"
#include "util.h"

namespace notwork {

using nlohmann::json;

json parse_json(std::string_view text, const char* what) {
  // nlohmann's parser recurses: refuse very deep nesting before parsing.
  int depth = 0;
  bool in_string = false, escape = false;
  for (char c : text) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth)
        throw std::invalid_argument(std::string(what) + ": JSON is nested too deeply");
    } else if (c == ']' || c == '}') --depth;
  }
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string(what) + ": not valid JSON (" + e.what() + ")");
  }
}

namespace {

// The Post fields the reader knows; everything else is skipped.
enum class Key { Other, Text, Id, Author, AuthorName, AuthorUrl, ReplyTo, QuotedAuthor, Site,
                 SourceClient, CreatedAt, Kind, Links, Mentions, Hashtags, Unopened, IsReply,
                 IsRepost, Automated, Lang };

Key key_of(std::string_view k) {
  static constexpr struct { std::string_view name; Key key; } kKeys[] = {
      {"text", Key::Text},           {"id", Key::Id},
      {"author", Key::Author},       {"author_name", Key::AuthorName},
      {"author_url", Key::AuthorUrl}, {"reply_to", Key::ReplyTo},
      {"quoted_author", Key::QuotedAuthor}, {"site", Key::Site},
      {"source_client", Key::SourceClient}, {"created_at", Key::CreatedAt},
      {"kind", Key::Kind},           {"links", Key::Links},
      {"mentions", Key::Mentions},   {"hashtags", Key::Hashtags},
      {"unopened_links", Key::Unopened}, {"unread_links", Key::Unopened},
      {"is_reply", Key::IsReply},    {"is_repost", Key::IsRepost},
      {"automated", Key::Automated}, {"lang", Key::Lang}};
  if (k.size() > 14) return Key::Other;
  for (const auto& e : kKeys)
    if (e.name == k) return e.key;
  return Key::Other;
}

void set_kind(Post& p, const std::string& v) {
  p.kind_given = true;
  if (v == "comment") p.kind = Kind::Comment;
  else if (v == "dm") p.kind = Kind::Dm;
  else if (v == "invitation") p.kind = Kind::Invitation;
  else if (v == "draft") p.kind = Kind::Draft;
  else if (v == "post") p.kind = Kind::Post;
  else p.kind_given = false;
}

void set_time(Post& p, double v) {
  if (v > 1e11) v /= 1000;  // milliseconds
  if (v > -1e11 && v < 1e11) {
    p.time = static_cast<int64_t>(v);
    p.has_time = true;
  }
}

// Fields that depend on others, once the whole post is read.
void finish(Post& p) {
  if (!p.reply_to.empty()) p.is_reply = true;
  // What gets scored on a video site is its comments.
  if (!p.kind_given && p.site == "youtube") p.kind = Kind::Comment;
}

// A parsed JSON object -> Post, by the same rules as the streaming reader below. `p` is
// reset first; its strings and lists keep their buffers.
template <class J>
void post_from(const J& j, Post& p) {
  reset_keeping_buffers(p, &Post::id, &Post::text, &Post::author, &Post::author_name,
                        &Post::author_url, &Post::created_at, &Post::reply_to, &Post::quoted_author,
                        &Post::site, &Post::source_client, &Post::links, &Post::mentions,
                        &Post::hashtags, &Post::unopened_links, &Post::lang);
  if (!j.is_object()) return;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const J& v = it.value();
    std::string* text_field = nullptr;
    size_t max = kMaxFieldBytes;
    const Key key = key_of(it.key());
    switch (key) {
      case Key::Text: text_field = &p.text; max = kMaxTextBytes; break;
      case Key::Id:
        if (v.is_number_integer()) p.id = v.dump();
        else text_field = &p.id;
        break;
      case Key::Author: text_field = &p.author; break;
      case Key::AuthorName: text_field = &p.author_name; break;
      case Key::AuthorUrl: text_field = &p.author_url; break;
      case Key::ReplyTo: text_field = &p.reply_to; break;
      case Key::QuotedAuthor: text_field = &p.quoted_author; break;
      case Key::Site: text_field = &p.site; break;
      case Key::SourceClient: text_field = &p.source_client; break;
      case Key::CreatedAt:
        if (v.is_number()) set_time(p, v.template get<double>());
        else if (v.is_string()) {
          sanitize_utf8(v.template get_ref<const std::string&>(), 64, &p.created_at);
          p.has_time = parse_time(p.created_at, &p.time);
        }
        break;
      case Key::Kind:
        if (v.is_string()) set_kind(p, v.template get_ref<const std::string&>());
        break;
      case Key::Lang:
        if (v.is_string()) p.lang = lang::normalize_tag(v.template get_ref<const std::string&>());
        break;
      case Key::IsReply: if (v.is_boolean()) p.is_reply = v.template get<bool>(); break;
      case Key::IsRepost: if (v.is_boolean()) p.is_repost = v.template get<bool>(); break;
      case Key::Automated: if (v.is_boolean()) p.automated = v.template get<bool>(); break;
      case Key::Links: case Key::Mentions: case Key::Hashtags: case Key::Unopened: {
        if (!v.is_array()) break;
        std::vector<std::string>* list = &p.unopened_links;
        if (key == Key::Links) { p.links_given = true; list = &p.links; list->clear(); }
        if (key == Key::Mentions) { p.mentions_given = true; list = &p.mentions; list->clear(); }
        if (key == Key::Hashtags) { p.hashtags_given = true; list = &p.hashtags; list->clear(); }
        for (const J& item : v)
          if (item.is_string() && list->size() < kMaxListItems)
            list->push_back(sanitize_utf8(item.template get_ref<const std::string&>(), kMaxFieldBytes));
        break;
      }
      case Key::Other: break;
    }
    if (text_field && v.is_string()) sanitize_utf8(v.template get_ref<const std::string&>(), max, text_field);
  }
  finish(p);
}

// Streams an array of posts straight into Post structs (no DOM): the hot path of every
// batch. Same rules as post_from_json: optional fields of the wrong type are ignored.
class PostsReader : public nlohmann::json_sax<json> {
 public:
  std::vector<Post> posts;
  std::string error;

  bool null() override { return scalar(); }
  bool boolean(bool v) override {
    if (!scalar()) return false;
    if (depth_ == 2) {
      if (key_ == Key::IsReply) post_.is_reply = v;
      else if (key_ == Key::IsRepost) post_.is_repost = v;
      else if (key_ == Key::Automated) post_.automated = v;
    }
    return true;
  }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v), true, v); }
  bool number_unsigned(number_unsigned_t v) override {
    if (!scalar()) return false;
    if (depth_ == 2 && key_ == Key::Id) post_.id = std::to_string(v);
    else if (depth_ == 2) return number(static_cast<double>(v), true, 0);
    return true;
  }
  bool number_float(number_float_t v, const string_t&) override { return number(v, false, 0); }
  bool string(string_t& v) override {
    if (!scalar()) return false;
    if (depth_ == 2) field(v);
    else if (depth_ == 3 && list_ && list_->size() < kMaxListItems) list_->push_back(sanitize_utf8(v, kMaxFieldBytes));
    return true;
  }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) return fail("posts: expected a JSON array of posts");
    if (!open()) return false;
    if (depth_ == 2) {
      post_ = Post();
      has_text_ = false;
    }
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 2) {
      key_ = key_of(k);
      list_ = nullptr;
    }
    return true;
  }
  bool end_object() override {
    if (depth_ == 2) {
      if (!has_text_) return fail(where() + " has no string \"text\"");
      finish(post_);
      posts.push_back(std::move(post_));
    }
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 1) return fail(where() + " is not a JSON object");
    if (!open()) return false;
    if (depth_ == 3) list_ = list_for(key_);
    return true;
  }
  bool end_array() override {
    if (depth_ == 3) list_ = nullptr;
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    if (error.empty()) error = std::string("posts: not valid JSON (") + e.what() + ")";
    return false;
  }

 private:
  int depth_ = 0;  // 1 = the array of posts, 2 = a post, 3 = a list inside a post
  Post post_;
  bool has_text_ = false;
  Key key_ = Key::Other;
  std::vector<std::string>* list_ = nullptr;

  std::string where() const { return "post " + std::to_string(posts.size()); }
  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }
  bool open() {
    if (++depth_ > kMaxJsonDepth) return fail("posts: JSON is nested too deeply");
    return true;
  }
  bool scalar() {
    if (depth_ == 0) return fail("posts: expected a JSON array of posts");
    if (depth_ == 1) return fail(where() + " is not a JSON object");
    return true;
  }
  bool number(double v, bool integer, int64_t as_integer) {
    if (!scalar()) return false;
    if (depth_ != 2) return true;
    if (key_ == Key::Id && integer) post_.id = std::to_string(as_integer);
    else if (key_ == Key::CreatedAt) set_time(post_, v);
    return true;
  }
  std::vector<std::string>* list_for(Key k) {
    switch (k) {
      case Key::Links: post_.links_given = true; post_.links.clear(); return &post_.links;
      case Key::Mentions: post_.mentions_given = true; post_.mentions.clear(); return &post_.mentions;
      case Key::Hashtags: post_.hashtags_given = true; post_.hashtags.clear(); return &post_.hashtags;
      case Key::Unopened: return &post_.unopened_links;
      default: return nullptr;
    }
  }
  void field(const std::string& v) {
    switch (key_) {
      case Key::Text:
        post_.text = sanitize_utf8(v, kMaxTextBytes);
        has_text_ = true;
        break;
      case Key::Id: post_.id = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::Author: post_.author = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::AuthorName: post_.author_name = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::AuthorUrl: post_.author_url = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::ReplyTo: post_.reply_to = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::QuotedAuthor: post_.quoted_author = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::Site: post_.site = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::SourceClient: post_.source_client = sanitize_utf8(v, kMaxFieldBytes); break;
      case Key::CreatedAt:
        post_.created_at = sanitize_utf8(v, 64);
        post_.has_time = parse_time(post_.created_at, &post_.time);
        break;
      case Key::Kind: set_kind(post_, v); break;
      case Key::Lang: post_.lang = lang::normalize_tag(v); break;
      default: break;
    }
  }
};

}  // namespace

Post post_from_object(const nlohmann::json& post) {
  Post p;
  post_from(post, p);
  return p;
}
Post post_from_object(const nlohmann::ordered_json& post) {
  Post p;
  post_from(post, p);
  return p;
}
NOTWORK_NOINLINE void post_from_object(const nlohmann::ordered_json& post, Post* out) {
  post_from(post, *out);
}

std::vector<Post> posts_from_json(std::string_view text) {
  PostsReader reader;
  bool ok = json::sax_parse(text.begin(), text.end(), &reader);
  if (!ok || !reader.error.empty())
    throw std::invalid_argument(reader.error.empty() ? "posts: not valid JSON" : reader.error);
  return std::move(reader.posts);
}

namespace {
// The result writer (the CLIs' hot path, ~600 bytes a post): the exact size is worked out
// first, then everything is written through a pointer into the grown string — no
// per-piece append calls, no strlen, no temporary strings.
constexpr char kHex[] = "0123456789abcdef";

// Bytes `s` takes as a JSON string, quotes included.
size_t escaped_size(std::string_view s) {
  size_t n = s.size() + 2;
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    const bool short_form = c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' ||
                            c == '\b' || c == '\f';
    n += short_form ? 1 : 5;
  }
  return n;
}

char* put(char* p, std::string_view s) {
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

// The text is already valid UTF-8 (sanitised on the way in, clipped on code points).
char* put_escaped(char* p, std::string_view s) {
  *p++ = '"';
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    p = put(p, s.substr(plain, i - plain));
    plain = i + 1;
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:
        p = put(p, "u00");
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 15];
    }
  }
  p = put(p, s.substr(plain));
  *p++ = '"';
  return p;
}

// A value already rounded to 4 decimals, printed exactly and identically everywhere:
// "-" when negative, the integer part, then "." and 1-4 decimals (".0" for none).
constexpr size_t kMaxNumber = 1 + 20 + 5;
char* put_number(char* p, double x) {
  long long v = static_cast<long long>(x * 10000.0 + (x < 0 ? -0.5 : 0.5));
  if (v < 0) {
    *p++ = '-';
    v = -v;
  }
  char digits[20];
  int n = 0;
  unsigned long long whole = static_cast<unsigned long long>(v / 10000);
  do {
    digits[n++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  while (n > 0) *p++ = digits[--n];
  int frac = static_cast<int>(v % 10000);
  *p++ = '.';
  if (frac == 0) {
    *p++ = '0';
    return p;
  }
  char buf[4] = {static_cast<char>('0' + frac / 1000), static_cast<char>('0' + frac / 100 % 10),
                 static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
  int len = 4;
  while (buf[len - 1] == '0') --len;
  return put(p, std::string_view(buf, static_cast<size_t>(len)));
}
}  // namespace

void append_result(std::string& out, const Result& r) {
  out += '{';
  append_result_members(out, r);
  out += '}';
}

void append_result_members(std::string& out, const Result& r) {
  // Keys in the documented order (docs/ARCHITECTURE.md, "Result").
  constexpr std::string_view kLabelKey = "\"label\":\"", kScoresKey = "\",\"scores\":{",
                             kReasonsKey = "},\"reasons\":[", kRuleKey = "{\"rule\":",
                             kPrincipleKey = ",\"principle\":", kReasonLabelKey = ",\"label\":\"",
                             kContributionKey = "\",\"contribution\":", kDetailKey = ",\"detail\":";
  std::string_view labels[kLabelCount + 1];
  for (int i = 0; i <= kLabelCount; ++i) labels[i] = label_name(static_cast<Label>(i));
  const auto name = [&](Label l) { return labels[static_cast<int>(l)]; };

  size_t size = kLabelKey.size() + name(r.label).size() + kScoresKey.size() + kReasonsKey.size() + 1;
  for (int i = 0; i < kLabelCount; ++i) size += 1 + labels[i].size() + 2 + kMaxNumber + 1;
  for (const Reason& reason : r.reasons) {
    size += 1 + kRuleKey.size() + escaped_size(reason.rule) + kPrincipleKey.size() +
            escaped_size(reason.principle) + kReasonLabelKey.size() + name(reason.label).size() +
            kContributionKey.size() + kMaxNumber + kDetailKey.size() + escaped_size(reason.detail) + 1;
  }
  const size_t at = out.size();
  out.resize(at + size);
  char* const begin = out.data() + at;
  char* p = begin;

  p = put(p, kLabelKey);
  p = put(p, name(r.label));
  p = put(p, kScoresKey);
  for (int i = 0; i < kLabelCount; ++i) {
    if (i) *p++ = ',';
    *p++ = '"';
    p = put(p, labels[i]);
    p = put(p, "\":");
    p = put_number(p, r.scores[i]);
  }
  p = put(p, kReasonsKey);
  bool first = true;
  for (const Reason& reason : r.reasons) {
    if (!first) *p++ = ',';
    first = false;
    p = put(p, kRuleKey);
    p = put_escaped(p, reason.rule);
    p = put(p, kPrincipleKey);
    p = put_escaped(p, reason.principle);
    p = put(p, kReasonLabelKey);
    p = put(p, name(reason.label));
    p = put(p, kContributionKey);
    p = put_number(p, reason.contribution);
    p = put(p, kDetailKey);
    p = put_escaped(p, reason.detail);
    *p++ = '}';
  }
  *p++ = ']';
  out.resize(at + static_cast<size_t>(p - begin));
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace notwork
