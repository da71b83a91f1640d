// Input formats: turn a document (JSON Lines, a Mastodon account export's outbox.json,
// an X/Twitter archive's tweets.js) into posts in the facade's Post shape
// (docs/ARCHITECTURE.md, "Post"). Pure functions: no file I/O, nothing thrown for bad
// input (problems are returned), so the CLI and the wasm build can both use them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace notwork::formats {

using Json = nlohmann::ordered_json;  // keeps the key order of pass-through fields

enum class Format { jsonl, outbox, tweets };

const char* format_name(Format format);                       // "jsonl" | "outbox" | "tweets"
std::optional<Format> format_from_name(std::string_view name);
const char* format_description(Format format);                // "JSON Lines", "Mastodon outbox.json", ...

// Guesses the format from the document's content (not its file name):
// `window.YTD.` prefix or an array of {"tweet":...} -> tweets; an ActivityPub
// OrderedCollection(Page) with orderedItems -> outbox; anything else -> jsonl.
Format detect_format(std::string_view document);

// Something wrong with one line (JSON Lines, line >= 1) or one item of a document
// (line == 0, `where` is a JSON path such as "/orderedItems/3").
struct Problem {
  std::size_t line = 0;
  std::string where;
  std::string message;
};
std::string describe(const Problem& problem);  // "line 3: ..." or "/orderedItems/3: ..."

struct Posts {
  Json posts = Json::array();   // objects in the Post shape, in document order
  std::vector<Problem> problems;  // lines/items that were skipped, and why
  bool fatal = false;             // the document as a whole is unusable (problems[0] says why)
};

// Deepest nesting accepted in one JSON value (deeper input is rejected, not recursed into).
inline constexpr int kMaxDepth = 256;

// Parses one JSON text into `out`. Returns "" or a short, human-readable problem
// ("not valid JSON: column 7: ...", "nested deeper than 256 levels").
std::string parse_json(std::string_view text, Json& out);

// Checks that `post` is an object in the Post shape: a string "text" and, when present
// and not null, correctly typed optional fields (strings, booleans, arrays of strings,
// `kind` one of post|comment|dm|invitation|draft). Returns "" or the first problem,
// naming the field ("\"text\" must be a string, not a number").
std::string check_post(const Json& post);

// The subset of `post` the core reads: known Post fields that are present and not null.
Json core_fields(const Json& post);

// JSON Lines: one post per non-blank line; bad lines become problems (with their line
// number) and the other lines are kept.
Posts read_jsonl(std::string_view document);

// Mastodon export outbox.json: Create{Note|Question|Article|Page} and Announce activities.
Posts read_outbox(std::string_view document);

// X/Twitter archive tweets.js (`window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`).
// The archive does not name its owner; posts get no "author" unless one is set later.
Posts read_tweets(std::string_view document);

Posts read_document(std::string_view document, Format format);

// HTML fragment -> plain text. Block elements become line breaks, entities are
// decoded, <script>/<style> dropped. Each <a href> that is not a mention or hashtag
// link (class "mention"/"hashtag") is written as its href and appended to `links`.
std::string html_to_text(std::string_view html, std::vector<std::string>* links = nullptr);

// Decodes HTML character references (&amp; &lt; &#39; &#x1F600; ...).
std::string decode_entities(std::string_view text);

// "Wed Oct 10 20:19:24 +0000 2018" -> "2018-10-10T20:19:24Z" (converted to UTC);
// "" when the text is not in that form.
std::string twitter_date_to_iso(std::string_view date);

// Handle of an ActivityPub actor or status URL: "https://host/users/alice" and
// "https://host/@alice/123" -> "alice"; "alice@host" when `home_host` differs from host.
// "" when the URL has no recognisable handle.
std::string handle_from_url(std::string_view url, std::string_view home_host = {});
std::string host_of(std::string_view url);  // "https://a.b/c" -> "a.b"

// Serialises without ever throwing (invalid UTF-8 is replaced by U+FFFD).
std::string dump(const Json& value);

}  // namespace notwork::formats
