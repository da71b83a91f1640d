#include "dataset.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <set>
#include <sstream>

#include "json_io.h"
#include "notwork/engine.h"
#include "notwork/features.h"
#include "notwork/formats.h"
#include "util.h"

namespace notwork::fit {

namespace {

constexpr const char* kLabelledFile = "labelled-tweets-dev.jsonl";
constexpr size_t kPageSize = 20;     // posts on a timeline page
constexpr int kMaxRunPerPage = 4;    // posts of one author on a page: 1..4

// Replication per corpus in training, so that no corpus drowns the others: the YouTube
// comments (700) count three times, and so do the labelled tweets (400, the only gold in the
// product's own labels), through their view (`alone`, below).
int corpus_weight(const std::string& file) {
  if (file.rfind("youtube", 0) == 0) return 3;
  return 1;
}

std::string str(const formats::Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A small deterministic generator (64-bit LCG, Knuth's constants; high bits used).
struct Lcg {
  uint64_t s;
  explicit Lcg(uint64_t seed) : s(seed) {}
  uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(s >> 33);
  }
  uint32_t below(uint32_t n) { return n ? next() % n : 0; }
};

// Timeline pages from one corpus file's rows: authors interleaved, 1..4 consecutive posts
// of an author per page, kPageSize posts a page, each author's posts in file order.
void timeline(const std::vector<size_t>& rows_of_file, const std::vector<Row>& rows, uint64_t seed,
              View* no_memory, View* memory, int* page_number) {
  std::vector<std::string> authors;
  std::map<std::string, std::vector<size_t>> queue;
  for (size_t r : rows_of_file) {
    const std::string key = rows[r].post.author.empty() ? rows[r].post.author_name : rows[r].post.author;
    if (!queue.count(key)) authors.push_back(key);
    queue[key].push_back(r);
  }
  std::map<std::string, size_t> next;
  std::vector<std::string> left = authors;
  Lcg rng(seed);
  while (!left.empty()) {
    std::vector<std::string> pool = left;  // authors not yet on this page
    size_t on_page = 0;
    bool first = true;
    while (on_page < kPageSize && !pool.empty()) {
      const size_t pick = rng.below(static_cast<uint32_t>(pool.size()));
      const std::string author = pool[pick];
      pool.erase(pool.begin() + static_cast<long>(pick));
      const int run = 1 + static_cast<int>(rng.below(kMaxRunPerPage));
      std::vector<size_t>& q = queue[author];
      for (int k = 0; k < run && next[author] < q.size() && on_page < kPageSize; ++k) {
        const size_t r = q[next[author]++];
        for (View* v : {no_memory, memory}) {
          v->order.push_back(r);
          v->reset.push_back(v == no_memory && first);
          v->page.push_back(*page_number);
        }
        first = false;
        ++on_page;
      }
      if (next[author] >= q.size()) left.erase(std::find(left.begin(), left.end(), author));
    }
    ++*page_number;
  }
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "notwork-fit: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int Row::target(Label label) const {
  if (proxy_doubted) return -1;
  const std::string& g = labelled.empty() ? gold : labelled;
  const bool weak_people = source_label == "RightTroll" || source_label == "LeftTroll" ||
                           source_label == "Fearmonger" ||
                           (gold == "not_flagged" && source_label != "HashtagGamer" &&
                            source_label != "genuine_human" && source_label != "legitimate_user");
  switch (label) {
    case Label::Autofeed:
      if (g == "autofeed") return 1;
      if (g == "pure_promo") return source_label == "Commercial" ? -1 : 0;
      if (g == "genuine_share" || g == "other" || g == "not_promo") return 0;
      if (g == "not_flagged") return weak_people ? -1 : 0;
      return -1;
    case Label::PurePromo:
      if (g == "pure_promo") return 1;
      if (g == "autofeed" || g == "genuine_share" || g == "other" || g == "not_promo" ||
          g == "not_flagged")
        return 0;
      return -1;
    case Label::GenuineShare:
      if (g == "genuine_share") return 1;
      if (g == "autofeed" || g == "pure_promo" || g == "other") return 0;
      return -1;
    default:
      return -1;
  }
}

Dataset load_dataset(const std::string& dir, const LoadOptions& options) {
  Dataset data;
  DIR* d = opendir(dir.c_str());
  if (!d) {
    std::fprintf(stderr, "notwork-fit: cannot read the corpora in %s\n", dir.c_str());
    std::exit(2);
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 6 && n.compare(n.size() - 6, 6, ".jsonl") == 0 && n != "source-clients.jsonl")
      names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    std::fprintf(stderr, "notwork-fit: no corpora (*.jsonl) in %s\n", dir.c_str());
    std::exit(2);
  }
  std::map<std::string, std::string> labelled_gold;  // tweet id -> the careful reader's label
  std::map<std::string, std::vector<size_t>> rows_of_file;
  for (const std::string& name : names) {
    data.files.push_back({name, dir + "/" + name});
    formats::Posts posts = formats::read_jsonl(read_file(dir + "/" + name));
    if (posts.fatal || !posts.problems.empty()) {
      std::fprintf(stderr, "notwork-fit: %s: %s\n", name.c_str(),
                   formats::describe(posts.problems[0]).c_str());
      std::exit(2);
    }
    for (const auto& j : posts.posts) {
      Row r;
      post_from_object(j, &r.post);
      r.file = name;
      r.id = str(j, "id");
      r.gold = str(j, "gold");
      r.source_label = str(j, "source_label");
      r.kind = kind_name(r.post.kind);
      const Features features = extract_features(r.post);
      r.lang = features.lang;
      r.has_link = !features.links.empty();
      const std::string corpus = str(j, "corpus");
      if (name.rfind("youtube", 0) == 0) {
        r.group = "video:" + corpus;
        r.fold = corpus.find("Youtube01") != std::string::npos ? 0 : 1;
      } else {
        r.group = r.post.site + ":" + (r.post.author.empty() ? r.post.author_name : r.post.author);
        r.fold = static_cast<int>(fnv1a(r.group) % kFolds);
      }
      r.weight = corpus_weight(name);
      if (name == kLabelledFile) labelled_gold[r.id] = r.gold;
      rows_of_file[name].push_back(data.rows.size());
      data.rows.push_back(std::move(r));
    }
  }
  for (Row& r : data.rows) {
    if (r.file != kLabelledFile && labelled_gold.count(r.id)) r.labelled = labelled_gold[r.id];
    r.proxy_doubted = options.careful_people_links && r.has_link && r.labelled.empty() &&
                      (r.source_label == "legitimate_user" || r.source_label == "genuine_human");
  }

  View stream{"stream", true, 1, {}, {}, {}};
  View replay{"replay", true, 1, {}, {}, {}};
  View memory{"memory", false, 1, {}, {}, {}};
  View alone{"alone", true, 3, {}, {}, {}};
  int page = 0;
  uint64_t seed = 0x6e6f74776f726bULL;  // "notwork"
  for (const std::string& name : names) {
    const std::vector<size_t>& rs = rows_of_file[name];
    for (size_t i = 0; i < rs.size(); ++i) {
      stream.order.push_back(rs[i]);
      stream.reset.push_back(i == 0);
    }
    if (name == kLabelledFile) {
      for (size_t r : rs) {
        alone.order.push_back(r);
        alone.reset.push_back(true);
      }
    } else {
      timeline(rs, data.rows, seed++, &replay, &memory, &page);
    }
  }
  data.views = {stream, replay, memory, alone};
  data.description =
      "every corpus but the labelled tweets twice: in file order (each author's history "
      "growing) and as a timeline replay (pages of 20 posts, authors interleaved, 1-4 posts "
      "per author per page, context reset between pages); the labelled tweets alone (x3); YouTube x3; IRA Right/Left troll and Fearmonger rows and honeypot polluters "
      "are not examples (weak per-account labels); a tweet also in the labelled set takes its "
      "careful label";
  if (options.careful_people_links)
    data.description += "; honeypot legitimate users' and multilingual humans' link posts are "
                        "examples only where the careful reader labelled them";
  return data;
}

std::vector<std::vector<Verdict>> score_views(const Dataset& data, const Config& config) {
  std::vector<std::vector<Verdict>> out;
  for (const View& v : data.views) {
    Engine engine;
    engine.apply(config);
    std::vector<Verdict> verdicts;
    verdicts.reserve(v.order.size());
    size_t i = 0;
    std::vector<Post> batch;
    while (i < v.order.size()) {
      // A batch runs up to the next reset (the engine's context is per page there).
      size_t j = i + 1;
      while (j < v.order.size() && !v.reset[j] && j - i < 256) ++j;
      if (v.reset[i]) engine.reset_context();
      batch.clear();
      for (size_t k = i; k < j; ++k) batch.push_back(data.rows[v.order[k]].post);
      const std::vector<Result>& results = engine.score_all(batch);
      for (const Result& r : results) {
        Verdict vd;
        vd.label = r.label;
        for (int l = 0; l < kLabelCount; ++l) vd.scores[label_name(static_cast<Label>(l))] = r.scores[l];
        for (const Reason& reason : r.reasons) vd.strengths[{reason.rule, reason.label}] += reason.contribution;
        verdicts.push_back(std::move(vd));
      }
      i = j;
    }
    out.push_back(std::move(verdicts));
  }
  return out;
}

}  // namespace notwork::fit
