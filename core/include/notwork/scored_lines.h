// The output of `notwork score`, shared by the native CLI and the Node (WebAssembly) CLI so
// both write the same bytes: each input post (a JSON object that passed formats::check_post),
// its own fields untouched and in their order, followed by "label", "scores" and "reasons",
// as one JSON line. The core's answer is spliced in as text, never re-parsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "notwork/api.h"
#include "notwork/formats.h"

namespace notwork::formats {

// Scores `posts` with one call of `session` (its per-author context carries across calls)
// and appends one line per post to `out`. Throws what Session::score_batch throws, or
// std::runtime_error when the core's answer does not fit the posts.
void append_scored_lines(Session& session, const std::vector<Json>& posts, std::string& out);

// The posts alone, one line each (`--parse-only`).
void append_lines(const std::vector<Json>& posts, std::string& out);

// The fields of `post` the core reads, as the JSON object Session::score_batch takes
// (same content as core_fields(post), written directly).
void append_core_post(const Json& post, std::string& out);

// Splits Session::score_batch's answer (a JSON array of objects) into the objects' texts.
// Returns false when the text is not such an array.
bool split_results(std::string_view answer, std::vector<std::string_view>* results);

}  // namespace notwork::formats
