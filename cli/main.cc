// notwork: score posts, audit an account, explain one post (native command-line tool).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.h"
#include "common.h"

#ifndef NOTWORK_ALLOCATOR
#define NOTWORK_ALLOCATOR "glibc malloc"
#endif
#ifndef NOTWORK_VERSION
#define NOTWORK_VERSION "0.0.0"
#endif

namespace {

constexpr const char* kHelp = R"(Usage: notwork COMMAND [options] [arguments]

Tells social networking from social notworking: labels posts as autofeed,
pure_promo, genuine_share, conversation or neutral, with the rules (and the
principles P1-P18 behind them) that decided.

Commands:
  score [FILE|-]          JSON Lines of posts in, the same lines plus label,
                          scores and reasons out (--parse-only: no scoring)
  audit FILE|-            audit one account from JSON Lines, a Mastodon
                          outbox.json or an X archive tweets.js (--json)
  explain TEXT...|-       one post's label and reasons, as a table
  rules                   the rule catalogue (id, principle, label, weight)
  validate-config FILE    check a configuration document
  default-config          print the default configuration

Every command takes --help; score, audit, explain and rules take --config FILE.

Exit codes:
  0  ok
  1  bad input: a malformed line (named with its line number on stderr), a wrong
     type (e.g. "text" is a number), an unreadable file, no posts to audit
  2  bad usage: unknown command or option, missing argument, invalid --config

Examples:
  notwork score posts.jsonl > scored.jsonl
  notwork audit outbox.json
  notwork explain "New post: My weekly links https://example.com/p/1"
)";

int run(int argc, char** argv) {
  using namespace notwork::cli;
  if (argc < 2) {
    std::fputs(kHelp, stderr);
    return kExitBadUsage;
  }
  const std::string command = argv[1];
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      if (command == "help" && argc > 2) {  // "notwork help score" == "notwork score --help"
        char help_flag[] = "--help";
        char* forwarded[] = {argv[0], argv[2], help_flag};
        return run(3, forwarded);
      }
      write_out(kHelp);
      return kExitOk;
    }
    if (command == "--version" || command == "version") {
      write_out(std::string("notwork ") + NOTWORK_VERSION + " (" + NOTWORK_ALLOCATOR + ")\n");
      return kExitOk;
    }
    if (command == "score") return run_score(argc, argv, 2);
    if (command == "audit") return run_audit(argc, argv, 2);
    if (command == "explain") return run_explain(argc, argv, 2);
    if (command == "rules") return run_rules(argc, argv, 2);
    if (command == "validate-config") return run_validate_config(argc, argv, 2);
    if (command == "default-config") return run_default_config(argc, argv, 2);
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& e) {
    error(e.what());
    error("see 'notwork " + std::string(command.rfind("-", 0) == 0 || command == "help" ? "" : command + " ") +
          "--help'");
    return kExitBadUsage;
  } catch (const std::exception& e) {
    error(e.what());
    return kExitBadInput;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rc = run(argc, argv);
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {  // e.g. a full disk
    notwork::cli::error(std::string("cannot write the output: ") + std::strerror(errno));
    return rc == 0 ? notwork::cli::kExitBadInput : rc;
  }
  return rc;
}
