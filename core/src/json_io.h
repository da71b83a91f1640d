// JSON in and out for the facade: guarded parsing (depth, types), posts, results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "notwork/engine.h"
#include "notwork/post.h"

namespace notwork {

constexpr size_t kMaxTextBytes = 16 * 1024;   // text analysed per post
constexpr size_t kMaxFieldBytes = 2 * 1024;   // other string fields
constexpr size_t kMaxListItems = 64;          // links, mentions, hashtags
constexpr int kMaxJsonDepth = 64;

// Parses JSON; throws std::invalid_argument with a plain message (what = "posts", "config").
nlohmann::json parse_json(std::string_view text, const char* what);

// A JSON array of posts -> Posts (streamed, no DOM). Throws std::invalid_argument with a
// plain message when it is not an array of objects with a string "text". Optional fields
// of the wrong type are ignored.
std::vector<Post> posts_from_json(std::string_view text);
// One post already parsed (an object with a string "text"; see formats::check_post), by
// the same rules.
Post post_from_object(const nlohmann::json& post);
Post post_from_object(const nlohmann::ordered_json& post);
// The same into an existing Post, whose strings and lists keep their buffers.
void post_from_object(const nlohmann::ordered_json& post, Post* out);

// The result as JSON, written directly (the hot path): {"label","scores","reasons"}, in the
// documented order.
void append_result(std::string& out, const Result& r);
// The same members without the enclosing braces (to append them to another object).
void append_result_members(std::string& out, const Result& r);

// A weights document already parsed (notwork/weights.h: parse_weights).
struct Weights;
struct WeightsError;
bool parse_weights_json(const nlohmann::json& doc, const std::string& path, Weights* out,
                        std::vector<WeightsError>* errors);

// Serialises with invalid UTF-8 replaced (never throws on text from pages).
std::string dump(const nlohmann::json& j);

}  // namespace notwork
