// Mastodon account export: outbox.json, an ActivityPub OrderedCollection of the account's
// activities. Create{Note} is a post (HTML content), Announce is a boost (a repost).
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "notwork/formats.h"

namespace notwork::formats {

namespace {

// A link-ish ActivityPub value: "https://..." or {"id": "https://..."} (or the first of an array).
std::string id_of(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    for (const char* key : {"id", "href", "url"})
      if (auto it = v.find(key); it != v.end() && it->is_string()) return it->get<std::string>();
  }
  if (v.is_array() && !v.empty()) return id_of(v.front());
  return {};
}

std::string string_at(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string strip_prefix(std::string s, char c) {
  if (!s.empty() && s.front() == c) s.erase(0, 1);
  return s;
}

// "@bob@home.social" -> "bob" when home.social is the author's own server.
std::string local_handle(std::string acct, const std::string& home_host) {
  acct = strip_prefix(std::move(acct), '@');
  auto at = acct.find('@');
  if (at != std::string::npos && !home_host.empty()) {
    std::string host = acct.substr(at + 1);
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (host == home_host) acct.erase(at);
  }
  return acct;
}

std::string content_html(const Json& object) {
  std::string html = string_at(object, "content");
  if (html.empty()) {  // some servers send only contentMap {"en": "..."}
    if (auto map = object.find("contentMap"); map != object.end() && map->is_object())
      for (const auto& [lang, value] : map->items())
        if (value.is_string()) { html = value.get<std::string>(); break; }
  }
  return html;
}

bool is_post_object(const std::string& type) {
  return type == "Note" || type == "Question" || type == "Article" || type == "Page";
}

Json note_to_post(const Json& note, const Json& activity) {
  Json post = Json::object();
  std::string id = string_at(note, "id");
  if (id.empty()) id = string_at(activity, "id");
  if (!id.empty()) post["id"] = id;

  std::string actor = id_of(note.value("attributedTo", Json()));
  if (actor.empty()) actor = id_of(activity.value("actor", Json()));
  std::string home = host_of(actor);

  // Tag hrefs: mention and hashtag links are not shared links.
  std::unordered_set<std::string> tag_hrefs;
  Json mentions = Json::array(), hashtags = Json::array();
  if (auto tags = note.find("tag"); tags != note.end() && tags->is_array()) {
    for (const auto& tag : *tags) {
      if (!tag.is_object()) continue;
      std::string type = string_at(tag, "type"), name = string_at(tag, "name");
      std::string href = string_at(tag, "href");
      if (!href.empty()) tag_hrefs.insert(href);
      if (type == "Mention" && !name.empty()) {
        mentions.push_back(local_handle(name, home));
      } else if (type == "Hashtag" && !name.empty()) {
        hashtags.push_back(strip_prefix(name, '#'));
      }
    }
  }

  std::vector<std::string> hrefs;
  post["text"] = html_to_text(content_html(note), &hrefs);
  std::string handle = handle_from_url(actor);
  if (!handle.empty()) post["author"] = handle;
  if (!actor.empty()) post["author_url"] = actor;
  std::string published = string_at(note, "published");
  if (published.empty()) published = string_at(activity, "published");
  if (!published.empty()) post["created_at"] = published;

  Json links = Json::array();
  for (const auto& href : hrefs)
    if (tag_hrefs.count(href) == 0) links.push_back(href);
  post["links"] = std::move(links);
  post["mentions"] = std::move(mentions);
  post["hashtags"] = std::move(hashtags);

  std::string parent = id_of(note.value("inReplyTo", Json()));
  post["is_reply"] = !parent.empty();
  if (!parent.empty()) {
    std::string to = handle_from_url(parent, home);
    if (!to.empty()) post["reply_to"] = to;
  }
  post["is_repost"] = false;
  post["site"] = "mastodon";
  return post;
}

Json announce_to_post(const Json& activity) {
  Json post = Json::object();
  std::string id = string_at(activity, "id");
  if (!id.empty()) post["id"] = id;
  std::string actor = id_of(activity.value("actor", Json()));
  std::string home = host_of(actor);
  const Json object = activity.value("object", Json());
  // Exports refer to the boosted status by URL; a server may embed it instead.
  std::vector<std::string> ignored;
  post["text"] = object.is_object() ? html_to_text(content_html(object), &ignored) : "";
  std::string handle = handle_from_url(actor);
  if (!handle.empty()) post["author"] = handle;
  if (!actor.empty()) post["author_url"] = actor;
  std::string published = string_at(activity, "published");
  if (!published.empty()) post["created_at"] = published;
  post["is_reply"] = false;
  post["is_repost"] = true;
  std::string original = object.is_object() ? id_of(object.value("attributedTo", Json()))
                                            : id_of(object);
  std::string quoted = handle_from_url(original, home);
  if (!quoted.empty()) post["quoted_author"] = quoted;
  post["site"] = "mastodon";
  return post;
}

}  // namespace

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string handle_from_url(std::string_view url, std::string_view home_host) {
  std::string host = host_of(url);
  if (host.empty()) return {};
  auto scheme = url.find("://");
  std::string_view path = url.substr(scheme + 3);
  auto slash = path.find('/');
  if (slash == std::string_view::npos) return {};
  path = path.substr(slash + 1);
  path = path.substr(0, path.find_first_of("?#"));
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto next = path.find('/');
    std::string_view part = path.substr(0, next);
    if (!part.empty()) parts.push_back(part);
    path.remove_prefix(next == std::string_view::npos ? path.size() : next + 1);
  }
  std::string name;
  if (!parts.empty() && parts[0].size() > 1 && parts[0][0] == '@') {
    name = std::string(parts[0].substr(1));
  } else if (parts.size() >= 2) {
    for (std::string_view prefix : {"users", "u", "user", "accounts", "profile", "c"})
      if (parts[0] == prefix) { name = std::string(parts[1]); break; }
  }
  if (name.empty()) return {};
  if (name.find('@') == std::string::npos && !home_host.empty() && host != home_host)
    name += "@" + host;
  return name;
}

Posts read_outbox(std::string_view document) {
  Posts result;
  Json doc;
  if (std::string problem = parse_json(document, doc); !problem.empty()) {
    result.problems.push_back({0, {}, "outbox.json is " + problem});
    result.fatal = true;
    return result;
  }
  const Json* items = nullptr;
  std::string where = "/orderedItems";
  if (doc.is_object()) {
    if (auto it = doc.find("orderedItems"); it != doc.end()) items = &*it;
    else if (auto first = doc.find("first"); first != doc.end() && first->is_object() &&
                                             first->contains("orderedItems")) {
      items = &(*first)["orderedItems"];
      where = "/first/orderedItems";
    }
  }
  if (!items || !items->is_array()) {
    result.problems.push_back(
        {0, {}, "not an ActivityPub outbox: expected an object with an \"orderedItems\" array"});
    result.fatal = true;
    return result;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const Json& item = (*items)[i];
    std::string path = where + "/" + std::to_string(i);
    if (!item.is_object()) {
      result.problems.push_back({0, path, "an activity must be an object"});
      continue;
    }
    std::string type = string_at(item, "type");
    if (type == "Create") {
      const Json object = item.value("object", Json());
      if (object.is_object() && is_post_object(string_at(object, "type"))) {
        result.posts.push_back(note_to_post(object, item));
      } else if (object.is_object()) {
        result.problems.push_back(
            {0, path, "Create of a \"" + string_at(object, "type") + "\" is not a post; skipped"});
      } else {
        result.problems.push_back({0, path, "Create without an embedded object; skipped"});
      }
    } else if (type == "Announce") {
      result.posts.push_back(announce_to_post(item));
    } else if (is_post_object(type)) {
      result.posts.push_back(note_to_post(item, Json::object()));
    } else {
      result.problems.push_back(
          {0, path, "\"" + type.substr(0, 40) + "\" activity is not a post; skipped"});
    }
  }
  return result;
}

}  // namespace notwork::formats
