// `notwork explain "text"`: one post's label, scores and reasons, as a table for humans.
#include <string>

#include "commands.h"
#include "common.h"
#include "report.h"

namespace notwork::cli {

namespace {

constexpr const char* kHelp = R"(Usage: notwork explain [options] TEXT...
       notwork explain [options] -        (one JSON post object on stdin)

Scores one post and shows why: its label, the score per label and every rule
that moved a score (contribution, rule, principle, detail).

Options:
  --author HANDLE    the post's author (for rules that look at names and sites)
  --site SITE        x, mastodon, bluesky, youtube, wordpress, linkedin, ...
  --kind KIND        post, comment, dm, invitation or draft
  --json             print the core's result as JSON
  --config FILE      apply a configuration document
  --help             show this help

Exit codes: 0 ok, 1 bad input (stdin is not a post), 2 bad usage or configuration.
)";

}  // namespace

int run_explain(int argc, char** argv, int first) {
  Args args(argc, argv, first,
            {kConfigOption, {"author", true}, {"site", true}, {"kind", true}, {"json", false}});
  if (args.flag("help")) {
    write_out(kHelp);
    return kExitOk;
  }
  args.expect_positional(1, 10000, "text to explain (or - for a JSON post on stdin)");
  Json post = Json::object();
  const auto& words = args.positional();
  if (words.size() == 1 && words[0] == "-") {
    std::string input;
    if (std::string problem = read_input("-", input); !problem.empty()) {
      error("cannot read <stdin>: " + problem);
      return kExitBadInput;
    }
    std::string problem = formats::parse_json(input, post);
    if (problem.empty()) problem = formats::check_post(post);
    if (!problem.empty()) {
      error("<stdin>: " + problem);
      return kExitBadInput;
    }
  } else {
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    post["text"] = text;
  }
  for (const char* key : {"author", "site", "kind"})
    if (args.has(key)) post[key] = args.value(key);
  if (std::string problem = formats::check_post(post); !problem.empty())
    throw UsageError(problem);

  Session session;
  if (int rc = apply_config(args, session); rc != kExitOk) return rc;
  Json batch = Json::array({formats::core_fields(post)});
  Json results = parse_core(session.score_batch(formats::dump(batch)));
  if (!results.is_array() || results.empty()) throw std::runtime_error("the core returned no result");
  if (args.flag("json")) {
    write_out(formats::dump(results[0]) + "\n");
    return kExitOk;
  }
  write_out(format_explain(post, results[0], effective_thresholds(args)));
  return kExitOk;
}

}  // namespace notwork::cli
