// The output of `notwork score`, shared by the native CLI and the Node (WebAssembly) CLI so
// both write the same bytes: each input post (a JSON object that passed formats::check_post),
// its own fields untouched and in their order, followed by "label", "scores" and "reasons",
// as one JSON line. Posts go to the engine already parsed (the same Post the JSON facade
// would read from them), results are written once, never re-parsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "notwork/api.h"
#include "notwork/formats.h"

namespace notwork::formats {

// Scores `posts` with one call of `session` (its per-author context carries across calls)
// and appends one line per post to `out`. Results are exactly those of score_batch on the
// posts' core fields.
void append_scored_lines(Session& session, const std::vector<Json>& posts, std::string& out);

// The posts alone, one line each (`--parse-only`).
void append_lines(const std::vector<Json>& posts, std::string& out);

}  // namespace notwork::formats
