// `notwork audit FILE`: the account audit (P1/P2/P8/P9/P12/P14, score, suggestions) of one
// author's posts from JSON Lines, a Mastodon outbox.json or an X archive's tweets.js.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "common.h"
#include "report.h"

namespace notwork::cli {

namespace {

constexpr const char* kHelp = R"(Usage: notwork audit [options] FILE|-

Audits one account: an overall score out of 100 with its breakdown, the
P1/P2/P8/P9/P12/P14 figures, the label mix and three suggestions.
FILE is JSON Lines of posts, a Mastodon export's outbox.json or an X/Twitter
archive's data/tweets.js; the format is detected from the content.
If the posts come from several authors, the most frequent one is audited.

Options:
  --format F         force the input format: jsonl, outbox or tweets
  --author HANDLE    audit this author (for tweets.js, which does not name its
                     owner, HANDLE becomes the posts' author)
  --json             print the core's report as JSON
  --skip-invalid     ignore malformed JSON Lines instead of stopping
  --config FILE      apply a configuration document
  --help             show this help

Exit codes: 0 ok, 1 bad input (unreadable, malformed, no posts),
2 bad usage or configuration.
)";

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string author_of(const Json& post) {
  auto it = post.find("author");
  return it != post.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

int run_audit(int argc, char** argv, int first) {
  Args args(argc, argv, first,
            {kConfigOption, {"format", true}, {"author", true}, {"json", false}, {"skip-invalid", false}});
  if (args.flag("help")) {
    write_out(kHelp);
    return kExitOk;
  }
  args.expect_positional(1, 1, "FILE to audit (posts as JSON Lines, outbox.json or tweets.js; - for stdin)");
  std::optional<formats::Format> forced;
  if (args.has("format")) {
    forced = formats::format_from_name(args.value("format"));
    if (!forced) throw UsageError("unknown --format '" + args.value("format") + "' (jsonl, outbox, tweets)");
  }
  Session session;
  if (int rc = apply_config(args, session); rc != kExitOk) return rc;

  const std::string path = args.positional()[0];
  const std::string name = input_name(path);
  std::string document;
  if (std::string problem = read_input(path, document); !problem.empty()) {
    error("cannot read " + name + ": " + problem);
    return kExitBadInput;
  }
  const formats::Format format = forced ? *forced : formats::detect_format(document);
  formats::Posts posts = formats::read_document(document, format);
  if (posts.fatal) {
    error(name + ": " + formats::describe(posts.problems.front()));
    return kExitBadInput;
  }
  if (!posts.problems.empty()) {
    if (format == formats::Format::jsonl && !args.flag("skip-invalid")) {
      error(name + ": " + formats::describe(posts.problems.front()));
      if (posts.problems.size() > 1)
        error("(" + std::to_string(posts.problems.size()) + " bad lines in all; use --skip-invalid to audit the rest)");
      return kExitBadInput;
    }
    note(name + ": skipped " + std::to_string(posts.problems.size()) +
         (format == formats::Format::jsonl ? " invalid line(s)" : " item(s) that are not posts") +
         " (first: " + formats::describe(posts.problems.front()) + ")");
  }

  // Choose the author: --author, or the most frequent one (first seen wins a tie).
  std::vector<std::string> order;
  std::map<std::string, std::size_t> counts;
  for (const auto& post : posts.posts) {
    std::string a = author_of(post);
    if (a.empty()) continue;
    if (counts[lower(a)]++ == 0) order.push_back(a);
  }
  std::string chosen;
  if (args.has("author")) {
    std::string wanted = args.value("author");
    if (!wanted.empty() && wanted[0] == '@') wanted.erase(0, 1);
    if (wanted.empty()) throw UsageError("--author needs a handle");
    if (counts.empty()) {
      for (auto& post : posts.posts) post["author"] = wanted;  // e.g. tweets.js: the archive's owner
      counts[lower(wanted)] = posts.posts.size();
      order.push_back(wanted);
    } else if (!counts.count(lower(wanted))) {
      std::string known;
      for (std::size_t i = 0; i < order.size() && i < 10; ++i)
        known += (i ? ", " : "") + order[i] + " (" + std::to_string(counts[lower(order[i])]) + ")";
      error(name + ": no posts by '" + wanted + "'; authors: " + known + (order.size() > 10 ? ", ..." : ""));
      return kExitBadInput;
    }
    chosen = wanted;
  } else if (!order.empty()) {
    chosen = order.front();
    for (const auto& a : order)
      if (counts[lower(a)] > counts[lower(chosen)]) chosen = a;
    if (order.size() > 1)
      note(name + ": " + std::to_string(order.size()) + " authors; auditing the most frequent, " + chosen + " (" +
           std::to_string(counts[lower(chosen)]) + " posts); choose another with --author");
  }

  Json selected = Json::array();
  for (const auto& post : posts.posts)
    if (chosen.empty() || lower(author_of(post)) == lower(chosen))
      selected.push_back(formats::core_fields(post));
  if (selected.empty()) {
    error(name + ": no posts to audit");
    return kExitBadInput;
  }

  const std::string report = session.audit(formats::dump(selected));
  if (args.flag("json")) {
    write_out(report + "\n");
    return kExitOk;
  }
  const std::string who = chosen.empty() ? "an unnamed account" : "@" + chosen;
  write_out(format_audit(parse_core(report), who, formats::format_description(format)));
  return kExitOk;
}

}  // namespace notwork::cli
