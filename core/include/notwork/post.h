// The post model: what the core knows about one post, comment, DM, invitation or draft.
// Fields the input leaves out are derived from the text (see features.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace notwork {

enum class Kind { Post, Comment, Dm, Invitation, Draft };

// The four labels a post can earn, plus `neutral` (none of them with confidence).
enum class Label { Autofeed = 0, PurePromo = 1, GenuineShare = 2, Conversation = 3, Neutral = 4 };
constexpr int kLabelCount = 4;  // scored labels (neutral is the absence of one)

const char* label_name(Label label);
bool label_from_name(const std::string& name, Label* out);  // scored labels only
const char* kind_name(Kind kind);

struct Post {
  std::string id;
  std::string text;
  std::string author;       // handle; empty when unknown
  std::string author_name;  // display name
  std::string author_url;   // the author's own site
  std::string created_at;   // as given
  int64_t time = 0;         // created_at as seconds since 1970-01-01 UTC
  bool has_time = false;
  std::vector<std::string> links;           // expanded URLs, when the site gives them
  std::vector<std::string> mentions;        // handles without '@'
  std::vector<std::string> hashtags;        // without '#'
  std::vector<std::string> unopened_links;  // drafts: links the user has not opened (P4)
  bool links_given = false, mentions_given = false, hashtags_given = false;
  bool is_reply = false;
  std::string reply_to;
  bool is_repost = false;
  std::string quoted_author;
  std::string site;
  std::string source_client;
  bool automated = false;  // the platform labels the account automated
  // ISO 639-1 code of the post's language when the page or input says it ("en"; "en-US" and
  // "pt_BR" are read as "en" and "pt"); "" when unknown or not a two-letter code.
  std::string lang;
  Kind kind = Kind::Post;
  bool kind_given = false;
};

// The `lang` input field as the core reads it: an ISO 639-1 code ("en-US", "pt_BR", "EN" ->
// "en", "pt", "en"; the deprecated "iw", "in", "ji" -> "he", "id", "yi"), else "" (unknown).
std::string normalize_lang(std::string_view tag);

// A JSON array of posts -> Posts, as Session::score_batch reads it (the fields of
// docs/ARCHITECTURE.md's Post). Throws std::invalid_argument when it is not an array of
// objects with a string "text".
std::vector<Post> posts_from_json(std::string_view text);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff][Z|+hh:mm]" or "YYYY-MM-DD HH:MM:SS" (or a bare date)
// without locale or timezone functions. Returns false when the text is not such a date.
bool parse_time(const std::string& text, int64_t* seconds);

// Days since 1970-01-01 -> "YYYY-MM-DD".
std::string format_date(int64_t seconds);

}  // namespace notwork
