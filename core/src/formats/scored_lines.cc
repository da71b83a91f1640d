// `notwork score` lines: each parsed post goes to the engine as a Post (no second JSON
// round trip) and its result is written straight after the post's own fields.
#include "notwork/scored_lines.h"

#include <stdexcept>

#include "json_io.h"
#include "notwork/engine.h"
#include "util.h"

namespace notwork::formats {

namespace {
constexpr std::string_view kResultKeys[] = {"label", "scores", "reasons"};

// A post with fields of the result's names (rare): the result's values replace them in place.
NOTWORK_NOINLINE void append_merged(const Json& post, const Result& result, std::string& out) {
  Json merged = post;
  Json parsed;
  std::string text;
  append_result(text, result);
  if (std::string problem = parse_json(text, parsed); !problem.empty())
    throw std::runtime_error("the core returned " + problem);
  for (std::string_view key : kResultKeys) merged[std::string(key)] = parsed[std::string(key)];
  out += dump(merged);
}
}  // namespace

void append_lines(const std::vector<Json>& posts, std::string& out) {
  for (const Json& post : posts) {
    out += dump(post);
    out += '\n';
  }
}

void append_scored_lines(Session& session, const std::vector<Json>& posts, std::string& out) {
  // Kept from batch to batch (one per thread): the posts' strings keep their buffers.
  static thread_local std::vector<Post> core_posts;
  core_posts.resize(posts.size());
  for (size_t i = 0; i < posts.size(); ++i) post_from_object(posts[i], &core_posts[i]);
  const std::vector<Result>& results = session.engine().score_all(core_posts);
  for (size_t i = 0; i < posts.size(); ++i) {
    const Json& post = posts[i];
    const Result& result = results[i];
    bool clash = !post.is_object();
    if (!clash)
      for (auto it = post.begin(); it != post.end() && !clash; ++it)
        for (std::string_view key : kResultKeys) clash = clash || it.key() == key;
    if (!clash) {
      const size_t at = out.size();
      out += dump(post);  // "{...}": the post's own fields, untouched
      out.pop_back();     // its closing brace
      if (out.size() - at > 1) out += ',';
      append_result_members(out, result);
      out += '}';
    } else {
      append_merged(post, result, out);
    }
    out += '\n';
  }
}

}  // namespace notwork::formats
