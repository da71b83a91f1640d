// `notwork score`: JSON Lines in, JSON Lines out (each input object plus label, scores,
// reasons). One Session for the whole stream, scored in batches, in input order.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "commands.h"
#include "common.h"
#include "lines.h"
#include "notwork/scored_lines.h"

namespace notwork::cli {

namespace {

constexpr const char* kHelp = R"(Usage: notwork score [options] [FILE|-]

Scores posts. Reads JSON Lines (one post object per line; stdin when FILE is
omitted or "-") and writes one JSON line per post: the input object, unknown
fields untouched and in their order, plus "label", "scores" and "reasons".
A post needs "text"; optional fields: id, author, author_name, author_url,
created_at, links, mentions, hashtags, is_reply, reply_to, is_repost,
quoted_author, site, source_client, automated, kind. Posts are scored in order
with per-author context, so a repeated post is seen as repeated.

Options:
  --config FILE      apply a configuration document (weights, thresholds, patterns)
  --skip-invalid     skip malformed lines (reported on stderr) instead of stopping
  --parse-only       parse, check and re-serialise each line without scoring
                     (the benchmark's baseline)
  --format F         input format: jsonl (default, streamed), outbox (Mastodon
                     outbox.json) or tweets (X archive tweets.js)
  --batch N          posts per call into the core (default 512; results do not
                     depend on it)
  --state FILE       author memory across runs: the per-author context is read
                     from FILE at the start (if it exists) and written back at the
                     end, atomically (posts older than 30 days are dropped; no post
                     text is stored). A corrupt or foreign FILE is reported on
                     stderr and ignored (and replaced at the end)
  --help             show this help

Exit codes: 0 ok, 1 bad input (the first bad line is named on stderr) or the
state could not be saved, 2 bad usage or configuration. Blank lines are ignored.
)";

constexpr std::size_t kMaxSkipMessages = 10;

class Scorer {
 public:
  Scorer(Session& session, bool parse_only, std::size_t batch_size)
      : session_(session), parse_only_(parse_only), batch_size_(batch_size) {}

  // Queues one valid post (line numbers are for messages).
  void add(Json post, std::size_t line) {
    pending_.push_back(std::move(post));
    lines_.push_back(line);
    if (pending_.size() >= batch_size_) flush();
  }

  void flush() {
    if (pending_.empty()) return;
    std::string& out = out_;  // reused: its capacity stays from batch to batch
    out.clear();
    if (parse_only_) {
      formats::append_lines(pending_, out);
    } else {
      try {
        formats::append_scored_lines(session_, pending_, out);
      } catch (const std::invalid_argument& e) {
        throw std::runtime_error("lines " + std::to_string(lines_.front()) + "-" +
                                 std::to_string(lines_.back()) + ": the core rejected the posts: " +
                                 e.what());
      }
    }
    write_out(out);
    pending_.clear();
    lines_.clear();
  }

 private:
  Session& session_;
  bool parse_only_;
  std::size_t batch_size_;
  std::vector<Json> pending_;
  std::vector<std::size_t> lines_;
  std::string out_;
};

std::size_t parse_batch_size(const Args& args) {
  if (!args.has("batch")) return 512;
  const std::string v = args.value("batch");
  std::size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || n > 1000000) throw UsageError("--batch needs a positive number, not '" + v + "'");
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n == 0) throw UsageError("--batch needs a positive number, not '" + v + "'");
  return n;
}

// Whole-document formats (outbox, tweets): read everything, then score the posts.
int score_document(const std::string& path, formats::Format format, Scorer& scorer) {
  std::string document;
  if (std::string problem = read_input(path, document); !problem.empty()) {
    error("cannot read " + input_name(path) + ": " + problem);
    return kExitBadInput;
  }
  formats::Posts posts = formats::read_document(document, format);
  if (posts.fatal) {
    error(input_name(path) + ": " + formats::describe(posts.problems.front()));
    return kExitBadInput;
  }
  if (!posts.problems.empty())
    note(input_name(path) + ": skipped " + std::to_string(posts.problems.size()) +
         (posts.problems.size() == 1 ? " item that is not a post" : " items that are not posts") + " (first: " + formats::describe(posts.problems.front()) + ")");
  std::size_t index = 0;
  for (auto& post : posts.posts) scorer.add(std::move(post), ++index);
  scorer.flush();
  return kExitOk;
}

// --state FILE: the author memory (Session::import_state). A missing file is a first run; an
// unreadable, corrupt or foreign one is reported and ignored: scoring goes on without it.
void load_state(const std::string& path, Session& session) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) return;
  std::string text;
  if (std::string problem = read_input(path, text); !problem.empty()) {
    note("state " + path + " ignored: cannot read it: " + problem);
    return;
  }
  Json answer = parse_core(session.import_state(text));
  if (!answer.value("ok", false))
    note("state " + path + " ignored: " + answer.value("error", std::string("unreadable")) +
         " (scoring without author memory; it is replaced at the end)");
}

// Writes the author memory to `path` atomically: a temporary file beside it, written and
// synced, then renamed over it (a crash leaves the old state or the new one, never half).
// Returns "" or the problem.
std::string save_state(const std::string& path, const Session& session) {
  const std::string text = session.export_state();
  std::string tmp = path + ".XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return std::strerror(errno);
  std::size_t done = 0;
  int problem = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      problem = errno;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (!problem && ::fsync(fd) != 0) problem = errno;
  if (::close(fd) != 0 && !problem) problem = errno;
  if (!problem && ::rename(tmp.c_str(), path.c_str()) != 0) problem = errno;
  if (problem) {
    ::unlink(tmp.c_str());
    return std::strerror(problem);
  }
  // The rename itself is made durable by syncing the directory (best effort).
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return "";
}

int score_input(const Args& args, const std::string& path, formats::Format format, Session& session,
                std::size_t batch_size);

}  // namespace

int run_score(int argc, char** argv, int first) {
  Args args(argc, argv, first,
            {kConfigOption, {"skip-invalid", false}, {"parse-only", false}, {"format", true},
             {"batch", true}, {"state", true}});
  if (args.flag("help")) {
    write_out(kHelp);
    return kExitOk;
  }
  args.expect_positional(0, 1, "input file");
  const std::string path = args.positional().empty() ? "-" : args.positional()[0];
  const std::size_t batch_size = parse_batch_size(args);
  auto format = formats::format_from_name(args.value("format", "jsonl"));
  if (!format) throw UsageError("unknown --format '" + args.value("format") + "' (jsonl, outbox, tweets)");

  if (args.has("state") && args.value("state").empty()) throw UsageError("--state needs a file name");

  Session session;
  if (int rc = apply_config(args, session); rc != kExitOk) return rc;
  if (!args.has("state")) return score_input(args, path, *format, session, batch_size);
  const std::string state = args.value("state");
  load_state(state, session);
  int rc = score_input(args, path, *format, session, batch_size);
  std::fflush(stdout);
  if (std::string problem = save_state(state, session); !problem.empty()) {
    error("cannot save state " + state + ": " + problem);
    if (rc == kExitOk) rc = kExitBadInput;
  }
  return rc;
}

namespace {

int score_input(const Args& args, const std::string& path, formats::Format format, Session& session,
                std::size_t batch_size) {
  Scorer scorer(session, args.flag("parse-only"), batch_size);
  if (format != formats::Format::jsonl) return score_document(path, format, scorer);

  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!in) {
    error("cannot read " + input_name(path) + ": " + std::strerror(errno));
    return kExitBadInput;
  }
  const bool skip_invalid = args.flag("skip-invalid");
  std::size_t skipped = 0;
  int rc = kExitOk;
  LineReader reader(in);
  std::string_view text;
  while (reader.next(&text)) {
    Json post;
    std::string problem = parse_post_line(text, post);
    if (!problem.empty()) {
      const std::string where = input_name(path) + ": line " + std::to_string(reader.line_number()) + ": ";
      if (skip_invalid) {
        if (++skipped <= kMaxSkipMessages) note(where + problem + " (skipped)");
        continue;
      }
      scorer.flush();  // everything before the bad line is written
      error(where + problem);
      error("stopped at the first bad line; use --skip-invalid to score the other lines");
      rc = kExitBadInput;
      break;
    }
    scorer.add(std::move(post), reader.line_number());
  }
  const std::size_t line_number = reader.line_number();
  if (in != stdin) std::fclose(in);
  if (rc != kExitOk) return rc;
  if (reader.failed()) {
    scorer.flush();
    error("cannot read " + input_name(path) + (line_number ? " after line " + std::to_string(line_number) : "") +
          ": " + std::strerror(reader.error()));
    return kExitBadInput;
  }
  scorer.flush();
  if (skipped > 0)
    note("skipped " + std::to_string(skipped) + (skipped == 1 ? " invalid line" : " invalid lines") +
         " of " + std::to_string(line_number));
  return kExitOk;
}

}  // namespace

}  // namespace notwork::cli
