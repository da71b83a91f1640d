// Author memory: the per-author context (notwork/context.h) as a versioned, bounded,
// deterministic document, so that what the rules know about an author outlives a page (the
// extension) or a run (`notwork score --state FILE`). SpamAssassin's TxRep/AWL is the model.
//
// Only what the context rules read is kept — per post: hashes of its text, skeleton, last
// hashtag and link domains, its MinHash signature, time, shape flags and label; never its
// text. The format and its invariants: docs/ARCHITECTURE.md, "Author memory".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "notwork/context.h"

namespace notwork {

constexpr int kStateVersion = 1;
constexpr int64_t kStateMaxAgeSeconds = 30 * 24 * 3600;  // older posts are forgotten
constexpr size_t kStateDefaultBytes = 1 << 20;            // export: the document's default cap
constexpr size_t kStateHardBytes = 16 << 20;              // no state is ever larger
constexpr size_t kStateDefaultAuthors = 2000;
constexpr size_t kStateDefaultPosts = 16;                 // newest posts kept per author
constexpr size_t kStateMaxPosts = 256;                    // per author, in any document
constexpr size_t kStateDefaultComments = 500;

struct StateOptions {
  // The reference time (seconds since 1970): posts older than 30 days before it are dropped.
  // 0: the newest post time known (the store's clock, or the imported document's "now").
  int64_t now = 0;
  size_t max_authors = kStateDefaultAuthors;  // export: most recently used first
  size_t max_posts = kStateDefaultPosts;      // export: per author, newest first
  size_t max_comments = kStateDefaultComments;
  size_t max_bytes = kStateDefaultBytes;      // export: the document's size; import: refused above
  bool merge = false;                         // import: keep what the store knows, add the rest
};

// Parses {"now","max_authors","max_posts_per_author","max_comments","max_bytes","merge"} (every
// key optional). Returns "" or the problem; `import` sets the import's default byte cap.
std::string parse_state_options(std::string_view json, bool import, StateOptions* out);

// The store as a state document (at most options.max_bytes; authors that do not fit are
// left out, least recently used first). Deterministic: the same store gives the same bytes.
std::string export_state(const ContextStore& store, const StateOptions& options);

struct StateImport {
  std::string error;  // "" when imported
  size_t authors = 0, posts = 0, comments = 0, expired = 0;
};
// Checks the whole document first (magic, version, size, checksum, structure, every record)
// and only then loads it into `store` (replacing its authors and comments, or merging):
// a bad document changes nothing.
StateImport import_state(ContextStore& store, std::string_view document, const StateOptions& options);

}  // namespace notwork
