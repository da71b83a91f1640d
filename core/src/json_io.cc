#include "json_io.h"

#include <stdexcept>

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
void get_string(const json& j, const char* key, std::string* out, size_t max = kMaxFieldBytes) {
  auto it = j.find(key);
  if (it != j.end() && it->is_string()) *out = sanitize_utf8(it->get_ref<const std::string&>(), max);
}
void get_bool(const json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it != j.end() && it->is_boolean()) *out = it->get<bool>();
}
bool get_list(const json& j, const char* key, std::vector<std::string>* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return false;
  for (const auto& v : *it) {
    if (out->size() >= kMaxListItems) break;
    if (v.is_string()) out->push_back(sanitize_utf8(v.get_ref<const std::string&>(), kMaxFieldBytes));
  }
  return true;
}
}  // namespace

Post post_from_json(const json& j, size_t index) {
  const std::string where = "post " + std::to_string(index);
  if (!j.is_object()) throw std::invalid_argument(where + " is not a JSON object");
  auto text = j.find("text");
  if (text == j.end() || !text->is_string())
    throw std::invalid_argument(where + " has no string \"text\"");
  Post p;
  p.text = sanitize_utf8(text->get_ref<const std::string&>(), kMaxTextBytes);
  auto id = j.find("id");
  if (id != j.end()) {
    if (id->is_string()) p.id = sanitize_utf8(id->get_ref<const std::string&>(), kMaxFieldBytes);
    else if (id->is_number_integer()) p.id = id->dump();
  }
  get_string(j, "author", &p.author);
  get_string(j, "author_name", &p.author_name);
  get_string(j, "author_url", &p.author_url);
  get_string(j, "reply_to", &p.reply_to);
  get_string(j, "quoted_author", &p.quoted_author);
  get_string(j, "site", &p.site);
  get_string(j, "source_client", &p.source_client);
  auto created = j.find("created_at");
  if (created != j.end()) {
    if (created->is_string()) {
      p.created_at = sanitize_utf8(created->get_ref<const std::string&>(), 64);
      p.has_time = parse_time(p.created_at, &p.time);
    } else if (created->is_number()) {
      double v = created->get<double>();
      if (v > 1e11) v /= 1000;  // milliseconds
      if (v > -1e11 && v < 1e11) {
        p.time = static_cast<int64_t>(v);
        p.has_time = true;
      }
    }
  }
  p.links_given = get_list(j, "links", &p.links);
  p.mentions_given = get_list(j, "mentions", &p.mentions);
  p.hashtags_given = get_list(j, "hashtags", &p.hashtags);
  get_list(j, "unopened_links", &p.unopened_links);
  get_list(j, "unread_links", &p.unopened_links);
  get_bool(j, "is_reply", &p.is_reply);
  get_bool(j, "is_repost", &p.is_repost);
  get_bool(j, "automated", &p.automated);
  if (!p.reply_to.empty()) p.is_reply = true;
  auto kind = j.find("kind");
  if (kind != j.end() && kind->is_string()) {
    const std::string& k = kind->get_ref<const std::string&>();
    p.kind_given = true;
    if (k == "comment") p.kind = Kind::Comment;
    else if (k == "dm") p.kind = Kind::Dm;
    else if (k == "invitation") p.kind = Kind::Invitation;
    else if (k == "draft") p.kind = Kind::Draft;
    else if (k == "post") p.kind = Kind::Post;
    else p.kind_given = false;
  }
  // What gets scored on a video site is its comments.
  if (!p.kind_given && p.site == "youtube") p.kind = Kind::Comment;
  return p;
}

std::vector<Post> posts_from_json(std::string_view text) {
  json j = parse_json(text, "posts");
  if (!j.is_array()) throw std::invalid_argument("posts: expected a JSON array of posts");
  std::vector<Post> posts;
  posts.reserve(j.size());
  for (size_t i = 0; i < j.size(); ++i) posts.push_back(post_from_json(j[i], i));
  return posts;
}

json result_to_json(const Result& r) {
  json out = json::object();
  out["label"] = label_name(r.label);
  json scores = json::object();
  for (int i = 0; i < kLabelCount; ++i) scores[label_name(static_cast<Label>(i))] = r.scores[i];
  out["scores"] = std::move(scores);
  json reasons = json::array();
  for (const Reason& reason : r.reasons) {
    reasons.push_back({{"rule", reason.rule},
                       {"principle", reason.principle},
                       {"label", label_name(reason.label)},
                       {"contribution", reason.contribution},
                       {"detail", reason.detail}});
  }
  out["reasons"] = std::move(reasons);
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace notwork
