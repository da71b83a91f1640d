#include "notwork/context.h"

#include "util.h"

namespace notwork {

Fingerprint Fingerprint::of(const Post& post, const Features& f) {
  Fingerprint fp;
  fp.exact_hash = f.exact_hash;
  fp.skeleton_hash = f.skeleton_hash;
  for (int i = 0; i < Features::kMinHashes; ++i) fp.minhash[i] = f.minhash[i];
  fp.shingles = f.shingles;
  for (const Link& l : f.links) {
    if (l.shortener || l.domain.empty() || fp.domain_count >= 2) continue;
    uint64_t h = fnv1a(l.domain);
    if (fp.domain_count == 1 && fp.domains[0] == h) continue;
    fp.domains[fp.domain_count++] = h;
  }
  fp.time = post.time;
  fp.has_time = post.has_time;
  fp.has_link = !f.links.empty();
  fp.link_only = f.link_only;
  fp.title_like = f.title_like;
  fp.reply = post.is_reply || f.starts_with_mention;
  fp.last_tag = f.hashtags.empty() ? 0 : fnv1a(f.hashtags.back());
  return fp;
}

void History::push(const Fingerprint& fp) {
  ++total_;
  if (items_.size() < capacity_) {
    items_.push_back(fp);
    next_ = items_.size() % capacity_;
    return;
  }
  items_[next_] = fp;
  next_ = (next_ + 1) % capacity_;
}

const Fingerprint& History::recent(size_t i) const {
  // newest is at next_-1 (mod size)
  const size_t n = items_.size();
  const size_t newest = (next_ + n - 1) % n;
  return items_[(newest + n - (i % n)) % n];
}

void History::set_capacity(size_t capacity) {
  capacity = capacity ? capacity : 1;
  if (capacity == capacity_) return;
  std::vector<Fingerprint> keep;
  const size_t n = items_.size() < capacity ? items_.size() : capacity;
  for (size_t i = n; i-- > 0;) keep.push_back(recent(i));  // oldest first
  items_ = std::move(keep);
  capacity_ = capacity;
  next_ = items_.size() % capacity_;
}

ContextStore::ContextStore(size_t max_authors, size_t max_posts, size_t max_comments)
    : max_authors_(max_authors ? max_authors : 1),
      max_posts_(max_posts),
      max_comments_(max_comments),
      comments_(max_comments ? max_comments : 1) {}

const History* ContextStore::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &it->second->history;
}

void ContextStore::record(const std::string& key, const Fingerprint& fp) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
    it->second->history.push(fp);
    return;
  }
  while (lru_.size() >= max_authors_) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
  lru_.push_front(Entry{key, History(max_posts_)});
  index_[key] = lru_.begin();
  lru_.front().history.push(fp);
}

void ContextStore::record_comment(const Fingerprint& fp) {
  if (max_comments_ == 0) return;
  comments_.push(fp);
}

void ContextStore::clear() {
  lru_.clear();
  index_.clear();
  comments_ = History(max_comments_ ? max_comments_ : 1);
}

void ContextStore::set_limits(size_t max_authors, size_t max_posts, size_t max_comments) {
  max_authors_ = max_authors ? max_authors : 1;
  while (lru_.size() > max_authors_) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
  if (max_posts != max_posts_) {
    max_posts_ = max_posts;
    for (Entry& e : lru_) e.history.set_capacity(max_posts_);
  }
  if (max_comments != max_comments_) {
    max_comments_ = max_comments;
    comments_.set_capacity(max_comments_ ? max_comments_ : 1);
  }
}

}  // namespace notwork
