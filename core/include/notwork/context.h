// Bounded per-author context: for each author a ring of recent post fingerprints, authors
// evicted least-recently-used first; plus a bounded ring of recent comments from everyone
// (near-duplicate comments under different names are one spammer, P17).
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "notwork/features.h"
#include "notwork/post.h"

namespace notwork {

struct Fingerprint {
  uint64_t exact_hash = 0;
  uint64_t skeleton_hash = 0;
  uint32_t minhash[Features::kMinHashes] = {};
  int shingles = 0;
  uint64_t domains[2] = {0, 0};  // hashes of up to two registrable link domains (not shorteners)
  int domain_count = 0;
  int64_t time = 0;
  bool has_time = false;
  bool has_link = false;
  bool link_only = false;
  bool title_like = false;
  bool reply = false;  // takes part: a reply, opens with someone's @name, or "RT @name: ..."
  uint64_t last_tag = 0;     // hash of the last hashtag (a feed's section tag: #politics)
  uint64_t author_hash = 0;  // used by the cross-author comment ring
  Label label = Label::Neutral;
  // Author memory (notwork state, core/src/state.h): which post this is (its id, else its
  // text and time; 0: unknown), when it was recorded (its own time, else the store's clock,
  // 0 when neither was known) and whether it came from an imported state.
  uint64_t identity = 0;
  int64_t seen = 0;
  bool remembered = false;

  static Fingerprint of(const Post& post, const Features& f);
  static uint64_t identity_of(const Post& post, const Features& f);
};

// A fixed-capacity ring, iterated newest first.
class History {
 public:
  explicit History(size_t capacity = 64) : capacity_(capacity ? capacity : 1) {}
  void push(const Fingerprint& fp);
  size_t size() const { return items_.size(); }
  // i = 0 is the most recent post. (Inline, without divisions: the context rules call it
  // for every earlier post of the author, for every post.)
  const Fingerprint& recent(size_t i) const {
    const size_t n = items_.size();  // next_ is in [0, n]; the newest is at next_ - 1 (mod n)
    const size_t t = next_ + n - 1;
    const size_t newest = t >= n ? t - n : t;
    const size_t u = newest + n - (i < n ? i : i % n);
    return items_[u >= n ? u - n : u];
  }
  uint64_t total_seen() const { return total_; }
  void set_capacity(size_t capacity);
  // Forgets every post (keeps the memory): the history of a new author.
  void restart(size_t capacity);
  // Replaces the posts with `oldest_first` (the newest `capacity` of them) and the count of
  // posts ever seen with `total` (at least the number kept): an imported author.
  void assign(const std::vector<Fingerprint>& oldest_first, uint64_t total);
  // Forgets the earlier copy of the post `identity` (0: none), if there is one: the same post
  // met again (on a new page, beside its repost, or re-rendered by the page) is one post,
  // not a repeat of itself. Returns whether one went.
  bool forget(uint64_t identity);
  size_t remembered() const { return remembered_; }

 private:
  size_t capacity_;
  std::vector<Fingerprint> items_;
  size_t next_ = 0;
  uint64_t total_ = 0;
  size_t remembered_ = 0;  // items that came from an imported state
};

// The ring of recent comments from everyone (P17: near-duplicates under different names),
// indexed so that a new comment finds its look-alikes without scanning the ring: by exact
// text hash, and by MinHash bands (8 bands of 2 values; two signatures with at least 10 of
// 16 values equal always share a band, so every near-duplicate is a candidate).
class CommentRing {
 public:
  explicit CommentRing(size_t capacity = 2000);
  void push(const Fingerprint& fp);
  size_t size() const { return items_.size(); }
  void set_capacity(size_t capacity);
  void clear();
  // i = 0 is the most recent comment.
  const Fingerprint& recent(size_t i) const {
    return items_[static_cast<size_t>((next_seq_ - 1 - i) % capacity_)];
  }
  // Comments that may be the same text as (exact_hash, minhash): every one with the same
  // exact hash (when non-zero) and, when `banded`, every one sharing a MinHash band with it.
  // Each at most once, newest first; the caller confirms with the real comparison.
  void candidates(uint64_t exact_hash, const uint32_t* minhash, bool banded,
                  std::vector<const Fingerprint*>* out) const;
  // Only signatures over this many shingles are banded (fewer are too short to compare).
  static constexpr int kMinShingles = 6;

 private:
  static constexpr int kBands = Features::kMinHashes / 2;
  static void keys(const Fingerprint& fp, std::vector<uint64_t>* out);
  size_t capacity_;
  std::vector<Fingerprint> items_;  // slot = sequence number % capacity
  uint64_t next_seq_ = 0;
  std::unordered_multimap<uint64_t, uint64_t> index_;  // key -> sequence number
};

class ContextStore {
 public:
  struct Entry {
    std::string key;
    History history;
  };

  ContextStore(size_t max_authors = 2000, size_t max_posts = 64, size_t max_comments = 2000);
  // The author's history, or nullptr when not seen (does not create it).
  const History* find(const std::string& key) const;
  // The same for scoring the post `identity`: an earlier copy of that very post (remembered
  // from an earlier page, or met before on this one) is forgotten first, so a post met again
  // is judged without itself and recorded once.
  const History* find(const std::string& key, uint64_t identity);
  // Records a post (stamping when it was seen); creates the author (evicting the least
  // recently used one if full).
  void record(const std::string& key, const Fingerprint& fp);
  void record_comment(const Fingerprint& fp);
  const CommentRing& comments() const { return comments_; }
  size_t author_count() const { return lru_.size(); }
  void clear();
  void set_limits(size_t max_authors, size_t max_posts, size_t max_comments);

  // For the author memory (core/src/state.h): the authors, most recently used first; the
  // limits; the clock (the newest post time recorded, or a later "now" given on import).
  const std::list<Entry>& authors() const { return lru_; }
  size_t max_authors() const { return max_authors_; }
  size_t max_posts() const { return max_posts_; }
  size_t max_comments() const { return max_comments_; }
  int64_t clock() const { return clock_; }
  // Replaces the authors with `authors` (most recently used first; the first max_authors
  // kept, each history cut to max_posts) and the comment ring with `comments` (oldest
  // first) — or, when `merge`, keeps every author and comment already known and adds the
  // others after them (least recently used). The clock becomes at least `clock`.
  void load(std::list<Entry>&& authors, const std::vector<Fingerprint>& comments, int64_t clock,
            bool merge);

 private:
  size_t max_authors_, max_posts_, max_comments_;
  int64_t clock_ = 0;
  // Most recently used first. When full, the least recently used entry is reused for the
  // new author, memory and all (no allocation once max_authors have been seen).
  std::list<Entry> lru_;
  // Lookup only; the keys are views of the entries' own keys.
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
  CommentRing comments_;
};

}  // namespace notwork
