// End-to-end tests of the built `notwork` binary: exit codes, stdout, stderr.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using Json = nlohmann::ordered_json;

namespace {

const std::string kData = NOTWORK_CLI_TEST_DATA;

struct Run {
  int rc = -1;
  std::string out, err;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const std::string& name) {
  static int counter = 0;
  return std::string(NOTWORK_CLI_TEST_TMP) + "/" + std::to_string(::getpid()) + "-" +
         std::to_string(++counter) + "-" + name;
}

std::string write_temp(const std::string& name, const std::string& content) {
  std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::string quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `notwork ARGS` (optionally with stdin from a file) and captures everything.
// Sanitizer reports get their own exit codes so that a crash never passes for "exit 1".
Run notwork(const std::vector<std::string>& args, const std::string& stdin_path = "") {
  std::string out = temp_path("out"), err = temp_path("err");
  std::string cmd = "ASAN_OPTIONS=exitcode=86 UBSAN_OPTIONS=exitcode=87:halt_on_error=1 " +
                    quote(NOTWORK_BIN);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " <" + quote(stdin_path.empty() ? "/dev/null" : stdin_path) + " >" + quote(out) + " 2>" + quote(err);
  int status = std::system(cmd.c_str());
  Run r;
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  INFO("stderr: " << r.err);
  CHECK(r.err.find("Sanitizer") == std::string::npos);
  CHECK(r.err.find("runtime error") == std::string::npos);
  CHECK(r.rc < 80);  // no sanitizer report, no signal
  return r;
}

std::vector<Json> parse_lines(const Run& r) {
  std::vector<Json> v;
  for (const auto& l : r.lines()) v.push_back(Json::parse(l));
  return v;
}

std::vector<std::string> keys(const Json& obj) {
  std::vector<std::string> k;
  for (auto it = obj.begin(); it != obj.end(); ++it) k.push_back(it.key());
  return k;
}

const std::set<std::string> kLabels = {"autofeed", "pure_promo", "genuine_share", "conversation", "neutral"};

bool has_principle(const Json& result, const std::string& principle) {
  for (const auto& r : result["reasons"])
    if (r["principle"] == principle && r["contribution"].get<double>() > 0) return true;
  return false;
}

}  // namespace

TEST_CASE("version and help", "[cli]") {
  Run v = notwork({"--version"});
  CHECK(v.rc == 0);
  CHECK_THAT(v.out, Catch::StartsWith("notwork 0.1.0 ("));  // and the allocator

  Run h = notwork({"--help"});
  CHECK(h.rc == 0);
  for (const char* word : {"score", "audit", "explain", "rules", "Exit codes", "--parse-only"})
    CHECK_THAT(h.out, Catch::Contains(word));
  for (const char* command : {"score", "audit", "explain", "rules", "validate-config", "default-config"}) {
    Run c = notwork({command, "--help"});
    CHECK(c.rc == 0);
    CHECK_THAT(c.out, Catch::StartsWith(std::string("Usage: notwork ") + command));
  }
  CHECK_THAT(notwork({"score", "--help"}).out, Catch::Contains("--parse-only"));
  CHECK(notwork({"help", "audit"}).out == notwork({"audit", "--help"}).out);
  Run none = notwork({});
  CHECK(none.rc == 2);
  CHECK_THAT(none.err, Catch::Contains("Usage: notwork"));
}

TEST_CASE("bad usage exits with 2 and says what is wrong", "[cli]") {
  Run unknown = notwork({"frobnicate"});
  CHECK(unknown.rc == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown command 'frobnicate'"));
  Run option = notwork({"score", "--nope"});
  CHECK(option.rc == 2);
  CHECK_THAT(option.err, Catch::Contains("unknown option '--nope'"));
  CHECK_THAT(option.err, Catch::Contains("notwork score --help"));
  Run missing = notwork({"audit"});
  CHECK(missing.rc == 2);
  CHECK_THAT(missing.err, Catch::Contains("missing FILE"));
  Run value = notwork({"score", "--config"});
  CHECK(value.rc == 2);
  CHECK_THAT(value.err, Catch::Contains("'--config' needs a value"));
  CHECK(notwork({"score", "--batch", "0", kData + "/posts.jsonl"}).rc == 2);
  CHECK(notwork({"audit", "--format", "csv", kData + "/posts.jsonl"}).rc == 2);
  CHECK(notwork({"explain"}).rc == 2);
  CHECK(notwork({"explain", "--kind", "tweet", "hello"}).rc == 2);
}

TEST_CASE("score: every input line comes back with label, scores and reasons", "[cli]") {
  Run r = notwork({"score", kData + "/posts.jsonl"});
  REQUIRE(r.rc == 0);
  CHECK(r.err.empty());
  auto out = parse_lines(r);
  REQUIRE(out.size() == 4);  // the blank line is ignored
  CHECK(out[0]["id"] == "p1");
  CHECK(out[3]["id"] == "p4");
  // pass-through: unknown fields untouched, key order kept, results appended
  CHECK(keys(out[0]) == std::vector<std::string>{"id", "text", "author", "created_at", "site", "zz_custom",
                                                 "a_first", "label", "scores", "reasons"});
  CHECK(out[0]["zz_custom"].dump() == R"({"keep":[1,2,3]})");
  for (const auto& post : out) {
    CHECK(kLabels.count(post["label"].get<std::string>()) == 1);
    CHECK(keys(post["scores"]) == std::vector<std::string>{"autofeed", "pure_promo", "genuine_share", "conversation"});
    for (const auto& [label, score] : post["scores"].items()) {
      CHECK(score.get<double>() >= 0.0);
      CHECK(score.get<double>() <= 1.0);
    }
    for (const auto& reason : post["reasons"])
      CHECK(keys(reason) == std::vector<std::string>{"rule", "principle", "label", "contribution", "detail"});
  }
  // The feed-style post (New post: + own link + #rss, posted by dlvr.it) is an autofeed.
  CHECK(out[1]["label"] == "autofeed");
  CHECK(has_principle(out[1], "P3"));
  // The "check out my channel and subscribe" comment is pure promotion.
  CHECK(out[3]["label"] == "pure_promo");
}

TEST_CASE("score: input fields named label/scores/reasons are replaced in place", "[cli]") {
  const std::string path = write_temp("clash.jsonl",
      "{\"label\":\"mine\",\"text\":\"Buy now! 50% off, limited offer https://shop.example/x\",\"zz\":1}\n"
      "{\"text\":\"Buy now! 50% off, limited offer https://shop.example/x\",\"zz\":1}\n");
  Run r = notwork({"score", path});
  REQUIRE(r.rc == 0);
  auto out = parse_lines(r);
  REQUIRE(out.size() == 2);
  CHECK(keys(out[0]) == std::vector<std::string>{"label", "text", "zz", "scores", "reasons"});
  CHECK(out[0]["label"] != "mine");  // the verdict, not the input's own field
  CHECK(out[0]["label"] == out[1]["label"]);
  CHECK(keys(out[1]) == std::vector<std::string>{"text", "zz", "label", "scores", "reasons"});
  CHECK(out[0]["scores"]["pure_promo"].get<double>() > out[0]["scores"]["autofeed"].get<double>());
}

TEST_CASE("score reads stdin when FILE is - or absent", "[cli]") {
  Run file = notwork({"score", kData + "/posts.jsonl"});
  Run dash = notwork({"score", "-"}, kData + "/posts.jsonl");
  Run none = notwork({"score"}, kData + "/posts.jsonl");
  CHECK(dash.rc == 0);
  CHECK(dash.out == file.out);
  CHECK(none.out == file.out);
}

TEST_CASE("score: a repeated post is seen as repeated (one session per stream)", "[cli]") {
  // The repeat rule reads a draft against the author's earlier posts in the same stream.
  std::string line = R"({"text":"Follow me for daily deals on shoes http://deals.example/shoes","author":"rep")";
  std::string path = write_temp("repeat.jsonl", line + R"(,"kind":"draft"})" + "\n" + line + "}\n" + line +
                                                    "}\n" + line + R"(,"kind":"draft"})" + "\n");
  auto out = parse_lines(notwork({"score", path}));
  REQUIRE(out.size() == 4);
  CHECK_FALSE(has_principle(out[0], "P8"));
  CHECK_FALSE(has_principle(out[2], "P8"));  // a timeline post: repeats are the audit's business
  CHECK(has_principle(out[3], "P8"));
}

TEST_CASE("score: results do not depend on the batch size", "[cli]") {
  std::string doc;
  for (int i = 0; i < 60; ++i) {
    Json post = {{"id", i},
                 {"text", i % 3 == 0 ? "New post: Weekly digest https://feed.example/p/" + std::to_string(i % 4)
                                     : "@friend thanks for the tip about item " + std::to_string(i % 5) + "!"},
                 {"author", "user" + std::to_string(i % 4)},
                 {"created_at", "2023-05-01T10:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ":00Z"}};
    doc += post.dump() + "\n";
  }
  std::string path = write_temp("batch.jsonl", doc);
  Run one = notwork({"score", "--batch", "1", path});
  Run seven = notwork({"score", "--batch=7", path});
  Run normal = notwork({"score", path});
  REQUIRE(one.rc == 0);
  CHECK(one.lines().size() == 60);
  CHECK(seven.out == one.out);
  CHECK(normal.out == one.out);
}

TEST_CASE("score: a malformed line stops with its line number, exit 1", "[cli]") {
  Run r = notwork({"score", kData + "/bad.jsonl"});
  CHECK(r.rc == 1);
  CHECK_THAT(r.err, Catch::Contains("bad.jsonl: line 2: not valid JSON"));
  CHECK_THAT(r.err, Catch::Contains("--skip-invalid"));
  CHECK(r.lines().size() == 1);  // the line before the bad one was scored

  std::string number = write_temp("number.jsonl", "{\"text\":\"fine\"}\n\n{\"text\":42}\n");
  Run n = notwork({"score", number});
  CHECK(n.rc == 1);
  CHECK_THAT(n.err, Catch::Contains("line 3: \"text\" must be a string, not a number"));

  Run s = notwork({"score", "--skip-invalid", kData + "/bad.jsonl"});
  CHECK(s.rc == 0);
  CHECK(s.lines().size() == 2);
  CHECK_THAT(s.err, Catch::Contains("line 2: not valid JSON"));
  CHECK_THAT(s.err, Catch::Contains("line 3: \"text\" must be a string, not a number (skipped)"));
  CHECK_THAT(s.err, Catch::Contains("skipped 2 invalid lines of 4"));
}

TEST_CASE("score: unreadable input is exit 1 with the reason", "[cli]") {
  Run r = notwork({"score", kData + "/does-not-exist.jsonl"});
  CHECK(r.rc == 1);
  CHECK_THAT(r.err, Catch::Contains("cannot read"));
  CHECK_THAT(r.err, Catch::Contains("No such file or directory"));
  Run dir = notwork({"score", kData});
  CHECK(dir.rc == 1);
  CHECK_THAT(dir.err, Catch::Contains("cannot read"));
}

TEST_CASE("score survives hostile input", "[cli]") {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  std::string g = write_temp("garbage.bin", garbage);
  Run r = notwork({"score", g});
  CHECK(r.rc == 1);
  CHECK_THAT(r.err, Catch::Contains("line 1:"));
  CHECK(notwork({"score", "--skip-invalid", g}).rc == 0);

  std::string invalid_utf8 = write_temp("utf8.jsonl", "{\"text\":\"caf\xe9 \xff\"}\n");
  Run u = notwork({"score", invalid_utf8});
  CHECK(u.rc == 1);
  CHECK_THAT(u.err, Catch::Contains("line 1: not valid JSON"));

  std::string deep = write_temp("deep.jsonl", "{\"text\":\"x\",\"extra\":" + std::string(200000, '[') + "\n");
  Run d = notwork({"score", deep});
  CHECK(d.rc == 1);
  CHECK_THAT(d.err, Catch::Contains("line 1: nested deeper than"));

  std::string big_text(3 * 1024 * 1024, 'a');
  for (std::size_t i = 50; i < big_text.size(); i += 50) big_text[i] = ' ';
  std::string huge = write_temp("huge.jsonl", Json({{"text", big_text}, {"author", "big"}}).dump() + "\n");
  Run h = notwork({"score", huge});
  CHECK(h.rc == 0);
  CHECK(h.lines().size() == 1);

  // escaped control characters and lone surrogates escaped as \u are valid JSON
  std::string odd = write_temp("odd.jsonl", "{\"text\":\"a\\u0000b\\ud800c\\u202e\"}\n");
  Run o = notwork({"score", odd});
  CHECK(o.rc <= 1);
}

TEST_CASE("score --parse-only re-serialises without scoring", "[cli]") {
  Run r = notwork({"score", "--parse-only", kData + "/posts.jsonl"});
  REQUIRE(r.rc == 0);
  auto out = parse_lines(r);
  REQUIRE(out.size() == 4);
  for (const auto& post : out) CHECK_FALSE(post.contains("label"));
  CHECK(out[0].dump() == Json::parse(slurp(kData + "/posts.jsonl").substr(0, slurp(kData + "/posts.jsonl").find('\n'))).dump());
  CHECK(notwork({"score", "--parse-only", kData + "/bad.jsonl"}).rc == 1);
}

TEST_CASE("score --format outbox scores an export's posts", "[cli]") {
  Run r = notwork({"score", "--format", "outbox", kData + "/outbox.json"});
  REQUIRE(r.rc == 0);
  auto out = parse_lines(r);
  REQUIRE(out.size() == 4);
  CHECK(out[1]["is_reply"] == true);
  CHECK(out[1]["label"] == "conversation");
  CHECK_THAT(r.err, Catch::Contains("skipped 1 item that is not a post"));
}

TEST_CASE("config files are validated, errors name their JSON paths, exit 2", "[cli]") {
  Run bad = notwork({"score", "--config", kData + "/config-bad.json", kData + "/posts.jsonl"});
  CHECK(bad.rc == 2);
  CHECK(bad.out.empty());
  CHECK_THAT(bad.err, Catch::Contains("/rules/P3.no_such_rule"));
  CHECK_THAT(bad.err, Catch::Contains("/thresholds/autofeed"));
  CHECK(notwork({"audit", "--config", kData + "/config-bad.json", kData + "/outbox.json"}).rc == 2);
  CHECK(notwork({"explain", "--config", kData + "/config-bad.json", "hi"}).rc == 2);
  Run missing = notwork({"score", "--config", kData + "/nope.json", kData + "/posts.jsonl"});
  CHECK(missing.rc == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot read config"));
  std::string notjson = write_temp("config.json", "{\"version\": 1,");
  Run nj = notwork({"score", "--config", notjson, kData + "/posts.jsonl"});
  CHECK(nj.rc == 2);
  CHECK_THAT(nj.err, Catch::Contains("not valid JSON"));

  Run ok = notwork({"score", "--config", kData + "/config-ok.json", kData + "/posts.jsonl"});
  CHECK(ok.rc == 0);
  CHECK(ok.lines().size() == 4);

  CHECK(notwork({"validate-config", kData + "/config-ok.json"}).rc == 0);
  Run v = notwork({"validate-config", kData + "/config-bad.json"});
  CHECK(v.rc == 2);
  CHECK_THAT(v.err, Catch::Contains("/rules/P3.no_such_rule"));
  Run d = notwork({"default-config"});
  CHECK(d.rc == 0);
  std::string defaults = write_temp("defaults.json", d.out);
  CHECK(notwork({"validate-config", defaults}).rc == 0);
}

TEST_CASE("a config changes the scores", "[cli]") {
  Run rules = notwork({"rules", "--json"});
  REQUIRE(rules.rc == 0);
  Json catalogue = Json::parse(rules.out);
  // switch every rule off: nothing can fire any more
  Json config = {{"version", 1}, {"rules", Json::object()}};
  for (const auto& rule : catalogue["rules"]) config["rules"][rule["id"].get<std::string>()] = {{"enabled", false}};
  std::string path = write_temp("off.json", config.dump());
  auto out = parse_lines(notwork({"score", "--config", path, kData + "/posts.jsonl"}));
  REQUIRE(out.size() == 4);
  for (const auto& post : out) {
    CHECK(post["label"] == "neutral");
    CHECK(post["reasons"].empty());
  }
}

TEST_CASE("audit: a Mastodon outbox.json, text and JSON", "[cli]") {
  Run text = notwork({"audit", kData + "/outbox.json"});
  REQUIRE(text.rc == 0);
  for (const char* part : {"@alice", "4 posts", "Mastodon outbox.json", "Overall score: ", "/100", "Breakdown",
                           "Figures", "P1", "P2", "P8", "P9", "P12", "P14", "Label mix", "Suggestions", "1. [P"})
    CHECK_THAT(text.out, Catch::Contains(part));

  Run json = notwork({"audit", "--json", kData + "/outbox.json"});
  REQUIRE(json.rc == 0);
  Json report = Json::parse(json.out);
  CHECK(report["posts"] == 4);
  CHECK(report["score"].get<double>() >= 0);
  CHECK(report["score"].get<double>() <= 100);
  for (const char* p : {"P1", "P2", "P8", "P9", "P12", "P14"}) CHECK(report["figures"].contains(p));
  CHECK(report["suggestions"].size() == 3);
  CHECK(report["label_mix"]["conversation"].get<int>() >= 1);  // the two replies
}

TEST_CASE("audit: an X archive tweets.js, its owner named with --author", "[cli]") {
  Run r = notwork({"audit", "--author", "@me", kData + "/tweets.js"});
  REQUIRE(r.rc == 0);
  CHECK_THAT(r.out, Catch::Contains("@me: 3 posts (X/Twitter archive tweets.js)"));
  Run anon = notwork({"audit", "--json", kData + "/tweets.js"});
  REQUIRE(anon.rc == 0);
  CHECK(Json::parse(anon.out)["posts"] == 3);
  Run forced = notwork({"audit", "--format", "jsonl", kData + "/outbox.json"});
  CHECK(forced.rc == 1);
  CHECK_THAT(forced.err, Catch::Contains("line 1:"));
  Run wrong = notwork({"audit", "--format", "tweets", kData + "/posts.jsonl"});
  CHECK(wrong.rc == 1);
}

TEST_CASE("audit: several authors, the most frequent or --author", "[cli]") {
  Run r = notwork({"audit", "--json", kData + "/posts.jsonl"});
  REQUIRE(r.rc == 0);
  CHECK(Json::parse(r.out)["posts"] == 3);  // alice has 3 of the 4 posts
  CHECK_THAT(r.err, Catch::Contains("auditing the most frequent, alice (3 posts)"));
  Run one = notwork({"audit", "--json", "--author", "SPAMMER1", kData + "/posts.jsonl"});
  REQUIRE(one.rc == 0);
  CHECK(Json::parse(one.out)["posts"] == 1);
  Run nobody = notwork({"audit", "--author", "nobody", kData + "/posts.jsonl"});
  CHECK(nobody.rc == 1);
  CHECK_THAT(nobody.err, Catch::Contains("no posts by 'nobody'; authors: alice (3), spammer1 (1)"));
  Run bad = notwork({"audit", kData + "/bad.jsonl"});
  CHECK(bad.rc == 1);
  CHECK_THAT(bad.err, Catch::Contains("line 2: not valid JSON"));
  CHECK(notwork({"audit", "--skip-invalid", kData + "/bad.jsonl"}).rc == 0);
  std::string empty = write_temp("empty.jsonl", "\n\n");
  Run e = notwork({"audit", empty});
  CHECK(e.rc == 1);
  CHECK_THAT(e.err, Catch::Contains("no posts to audit"));
  Run from_stdin = notwork({"audit", "--json", "-"}, kData + "/outbox.json");
  CHECK(from_stdin.rc == 0);
  CHECK(Json::parse(from_stdin.out)["posts"] == 4);
}

TEST_CASE("explain: one post's label and reasons as a table", "[cli]") {
  Run r = notwork({"explain", "New post: Ten tips for better gardens https://alice.example/blog/ten-tips (via Buffer)"});
  REQUIRE(r.rc == 0);
  for (const char* part : {"Label:  autofeed", "Scores", "autofeed", "pure_promo", "genuine_share", "conversation",
                           "Reasons", "contribution", "rule", "principle", "detail", "P3"})
    CHECK_THAT(r.out, Catch::Contains(part));

  Run words = notwork({"explain", "--author", "alice", "--site", "mastodon", "thanks", "@bob!"});
  REQUIRE(words.rc == 0);
  CHECK_THAT(words.out, Catch::Contains("Post:   thanks @bob!"));

  std::string post = write_temp("post.json", R"({"text":"@bob thanks, that helped a lot!","is_reply":true,"reply_to":"bob"})");
  Run json = notwork({"explain", "--json", "-"}, post);
  REQUIRE(json.rc == 0);
  Json result = Json::parse(json.out);
  CHECK(result["label"] == "conversation");
  CHECK(result.contains("scores"));

  std::string bad = write_temp("bad.json", R"({"text": 5})");
  Run b = notwork({"explain", "-"}, bad);
  CHECK(b.rc == 1);
  CHECK_THAT(b.err, Catch::Contains("\"text\" must be a string, not a number"));
}

TEST_CASE("rules lists the catalogue", "[cli]") {
  Run r = notwork({"rules"});
  REQUIRE(r.rc == 0);
  CHECK_THAT(r.out, Catch::StartsWith("id"));
  CHECK_THAT(r.out, Catch::Contains("P3."));
  CHECK_THAT(r.out, Catch::Contains("Thresholds:"));
  Json catalogue = Json::parse(notwork({"rules", "--json"}).out);
  REQUIRE(catalogue["rules"].size() > 3);
  for (const auto& rule : catalogue["rules"]) CHECK_THAT(r.out, Catch::Contains(rule["id"].get<std::string>()));
  Run tuned = notwork({"rules", "--config", kData + "/config-ok.json"});
  CHECK_THAT(tuned.out, Catch::Contains("autofeed 0.55"));
}

// ---- score --state FILE (author memory across runs) ----------------------------------------

namespace {

std::string feed_lines(int from, int to, const std::string& day) {
  static const char* titles[] = {"Markets rally as rates hold steady", "City council approves new bike lanes",
                                 "Storm warning issued for the coast", "Local team wins the regional final",
                                 "New museum wing opens to the public", "Rail strike talks resume on Monday",
                                 "Researchers map the deep sea floor", "Schools trial a four day week"};
  std::string out;
  for (int i = from; i < to; ++i) {
    Json p = {{"id", "wire-" + std::to_string(i)}, {"author", "dailywire"}, {"site", "x"},
              {"created_at", day + "T1" + std::to_string(i % 10) + ":00:00Z"},
              {"text", std::string(titles[i % 8]) + " https://dailywire.example/news/" + std::to_string(1000 + i)}};
    out += p.dump() + "\n";
  }
  return out;
}

bool any_reason(const std::string& line, const std::string& rule) {
  const Json result = Json::parse(line);
  for (const auto& r : result["reasons"])
    if (r["rule"] == rule && r["contribution"].get<double>() > 0) return true;
  return false;
}

bool temp_files_beside(const std::string& state) {
  const std::string dir = state.substr(0, state.rfind('/'));
  const std::string base = state.substr(state.rfind('/') + 1);
  std::string cmd = "ls -1 " + quote(dir) + " | grep -c -F " + quote(base + ".") + " >/dev/null";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

TEST_CASE("score --state: a feed account's first post of a new run is scored with its history", "[cli][state]") {
  const std::string state = temp_path("memory.state");
  std::remove(state.c_str());
  const std::string yesterday = write_temp("yesterday.jsonl", feed_lines(0, 6, "2026-03-02"));
  const std::string today = write_temp("today.jsonl", feed_lines(6, 7, "2026-03-03"));

  // The hand weights: the check is that the history reaches the rules, whatever the fit.
  const std::string hand = write_temp("hand-state.json", R"({"weights":{"labels":{}}})");
  Run first = notwork({"score", "--config", hand, "--state", state, yesterday});
  REQUIRE(first.rc == 0);
  CHECK(first.err.empty());  // a missing state is a first run, not a problem
  const std::string saved = slurp(state);
  CHECK_THAT(saved, Catch::StartsWith(R"({"format":"notwork-state","version":1,)"));
  CHECK(saved.find("Markets") == std::string::npos);  // no post text
  CHECK_FALSE(temp_files_beside(state));

  Run cold = notwork({"score", "--config", hand, today});
  Run warm = notwork({"score", "--config", hand, "--state", state, today});
  REQUIRE(cold.rc == 0);
  REQUIRE(warm.rc == 0);
  CHECK_FALSE(any_reason(cold.lines().at(0), "P3.headline_streak"));
  INFO("warm: " << warm.out << warm.err);
  CHECK(any_reason(warm.lines().at(0), "P3.headline_streak"));
  // The state grew by the new post.
  Json doc = Json::parse(slurp(state));
  CHECK(doc["authors"][0]["total"] == 7);
}

TEST_CASE("score --state: a corrupt or foreign state is reported and ignored, exit status unaffected", "[cli][state]") {
  const std::string input = write_temp("posts.jsonl", feed_lines(0, 4, "2026-03-02"));
  Run plain = notwork({"score", input});
  REQUIRE(plain.rc == 0);

  const std::string good_state = temp_path("good.state");
  std::remove(good_state.c_str());
  REQUIRE(notwork({"score", "--state", good_state, input}).rc == 0);
  const std::string good = slurp(good_state);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"truncated", good.substr(0, good.size() / 2)},
      {"foreign", R"({"version":1,"rules":{}})"},
      {"garbage", std::string("\x00\xff\xfe binary", 10)},
      {"newer", R"({"format":"notwork-state","version":7,"now":0,"authors":[],"comments":"","checksum":"0"})"},
  };
  for (const auto& [what, content] : bad) {
    INFO(what);
    const std::string state = write_temp(what + ".state", content);
    Run r = notwork({"score", "--state", state, input});
    CHECK(r.rc == 0);
    CHECK_THAT(r.err, Catch::Contains("state " + state + " ignored"));
    CHECK(r.out == plain.out);  // scored as without memory
    // Replaced by a good state at the end.
    CHECK_THAT(slurp(state), Catch::StartsWith(R"({"format":"notwork-state","version":1,)"));
    Run again = notwork({"score", "--state", state, input});
    CHECK(again.err.empty());
  }
  Run newer = notwork({"score", "--state", write_temp("v7b.state", bad[3].second), input});
  CHECK_THAT(newer.err, Catch::Contains("version 7 is not supported"));
}

TEST_CASE("score --state: a state that cannot be saved is exit 1 with the reason; usage errors", "[cli][state]") {
  const std::string input = write_temp("posts.jsonl", feed_lines(0, 2, "2026-03-02"));
  Run r = notwork({"score", "--state", temp_path("no-such-dir") + "/memory.state", input});
  CHECK(r.rc == 1);
  CHECK_THAT(r.err, Catch::Contains("cannot save state"));
  CHECK(r.lines().size() == 2);  // the posts were scored all the same
  Run u = notwork({"score", "--state=", input});
  CHECK(u.rc == 2);
  CHECK_THAT(notwork({"score", "--help"}).out, Catch::Contains("--state FILE"));
}
