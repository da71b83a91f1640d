// The fit's data: the labelled corpora as rows with their targets per label and their
// cross-validation fold, and the views (orderings) in which the engine sees them.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "notwork/config.h"
#include "notwork/post.h"

namespace notwork::fit {

constexpr int kFolds = 5;

struct CorpusFile {
  std::string name;  // "youtube-spam-dev.jsonl"
  std::string path;
};

struct Row {
  Post post;
  std::string file, id, gold, source_label, kind;
  std::string lang;  // the post's language: given, else detected (Features::lang), "" unknown
  // The fold group: the author (site + handle); on YouTube the video. The same author in
  // two corpora (the labelled tweets are drawn from the others) is in the same fold.
  std::string group;
  int fold = 0;
  int weight = 1;  // replication in training (balances the corpora; see dataset.cc)
  // The careful reader's label when this tweet is also in labelled-tweets-dev.jsonl.
  std::string labelled;
  bool has_link = false;
  // A person's post with a link that the careful reader did not label, when the fit is told
  // not to trust the per-account "never flag" label there (LoadOptions::careful_people_links).
  bool proxy_doubted = false;
  // 1: an example of `label`; 0: a counter-example; -1: says nothing about it.
  int target(Label label) const;
};

struct View {
  std::string name;          // "stream", "replay", "memory", "alone"
  bool train = false;        // the fit learns from this view
  int weight = 1;            // replication of its rows in training
  std::vector<size_t> order; // rows, in the order the engine sees them
  std::vector<bool> reset;   // before order[i]: forget every author (a new page)
  std::vector<int> page;     // page number of order[i] (timeline views), else empty
};

struct Dataset {
  std::vector<CorpusFile> files;
  std::vector<Row> rows;
  std::vector<View> views;
  std::string description;  // how the training views are made, for the data file
};

// A whole file; exits with a message when it cannot be read.
std::string read_file(const std::string& path);

struct LoadOptions {
  // The honeypot's legitimate users and the multilingual humans are labelled per account:
  // "never flag". The careful reader, who labelled a sample of their link posts one at a
  // time, called about half of that sample autofeed or pure_promo. With this option their
  // link posts are examples only where the careful reader labelled them (the others say
  // nothing); their posts without a link stay counter-examples. Off by default: the shipped
  // weights keep the per-account labels (docs/quality.md, "What the labels allow").
  bool careful_people_links = false;
};

// Reads every *.jsonl of `dir` but source-clients.jsonl (not posts). Exits with a message
// when the directory or a file cannot be read.
Dataset load_dataset(const std::string& dir, const LoadOptions& options = {});

struct Verdict {
  Label label = Label::Neutral;
  std::map<std::string, double> scores;  // by label name
  std::map<std::pair<std::string, Label>, double> strengths;  // (rule, label) -> summed contribution
};

// Scores every view with an engine configured by `config`, in the view's order and resets.
std::vector<std::vector<Verdict>> score_views(const Dataset& data, const Config& config);

}  // namespace notwork::fit
