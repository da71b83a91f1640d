#include "notwork/context.h"

#include <algorithm>
#include <functional>

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
  // Taking part: answering someone, or passing on someone's post in one's own words ("RT
  // @name: ..."). A page's native repost (is_repost) is shown under the original author's
  // name, so it says nothing about that author taking part.
  fp.reply = post.is_reply || f.starts_with_mention || f.retweet;
  fp.last_tag = f.hashtags.empty() ? 0 : fnv1a(f.hashtags.back());
  fp.identity = identity_of(post, f);
  return fp;
}

uint64_t Fingerprint::identity_of(const Post& post, const Features& f) {
  uint64_t h = 0;
  if (!post.id.empty()) h = mix64(fnv1a(post.id) ^ 0x6964ULL);
  else if (post.has_time) h = mix64(f.exact_hash ^ mix64(static_cast<uint64_t>(post.time)));
  return h;
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

void History::restart(size_t capacity) {
  capacity_ = capacity ? capacity : 1;
  items_.clear();
  next_ = 0;
  total_ = 0;
  remembered_ = 0;
}

void History::assign(const std::vector<Fingerprint>& oldest_first, uint64_t total) {
  items_.clear();
  next_ = 0;
  total_ = 0;
  remembered_ = 0;
  const size_t skip = oldest_first.size() > capacity_ ? oldest_first.size() - capacity_ : 0;
  for (size_t i = skip; i < oldest_first.size(); ++i) {
    push(oldest_first[i]);
    remembered_ += oldest_first[i].remembered;
  }
  if (total > total_) total_ = total;
}

bool History::forget(uint64_t identity) {
  if (identity == 0) return false;
  const size_t n = items_.size();
  for (size_t i = 0; i < n; ++i) {
    const Fingerprint& fp = recent(i);
    if (fp.identity != identity) continue;
    const bool was_remembered = fp.remembered;
    std::vector<Fingerprint> keep;  // oldest first, without that one
    keep.reserve(n - 1);
    for (size_t j = n; j-- > 0;)
      if (j != i) keep.push_back(recent(j));
    items_ = std::move(keep);
    next_ = items_.size() % capacity_;
    remembered_ -= was_remembered;
    if (total_ > 0) --total_;
    return true;
  }
  return false;
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
  remembered_ = 0;
  for (const Fingerprint& fp : items_) remembered_ += fp.remembered;
}

CommentRing::CommentRing(size_t capacity) : capacity_(capacity ? capacity : 1) {}

void CommentRing::keys(const Fingerprint& fp, std::vector<uint64_t>* out) {
  out->clear();
  if (fp.exact_hash != 0) out->push_back(mix64(fp.exact_hash));
  if (fp.shingles < kMinShingles) return;
  for (int b = 0; b < kBands; ++b) {
    const uint64_t pair = (static_cast<uint64_t>(fp.minhash[2 * b]) << 32) | fp.minhash[2 * b + 1];
    out->push_back(mix64(pair ^ mix64(static_cast<uint64_t>(b) + 1)));
  }
}

void CommentRing::push(const Fingerprint& fp) {
  std::vector<uint64_t> k;
  const size_t slot = static_cast<size_t>(next_seq_ % capacity_);
  if (items_.size() == capacity_) {  // evict the oldest comment and its index entries
    const uint64_t old = next_seq_ - capacity_;
    keys(items_[slot], &k);
    for (uint64_t key : k) {
      auto range = index_.equal_range(key);
      for (auto it = range.first; it != range.second; ++it)
        if (it->second == old) { index_.erase(it); break; }
    }
    items_[slot] = fp;
  } else {
    items_.push_back(fp);
  }
  keys(fp, &k);
  for (uint64_t key : k) index_.emplace(key, next_seq_);
  ++next_seq_;
}

void CommentRing::candidates(uint64_t exact_hash, const uint32_t* minhash, bool banded,
                             std::vector<const Fingerprint*>* out) const {
  out->clear();
  Fingerprint probe;
  probe.exact_hash = exact_hash;
  probe.shingles = banded ? kMinShingles : 0;
  for (int i = 0; i < Features::kMinHashes; ++i) probe.minhash[i] = minhash[i];
  std::vector<uint64_t> k, seqs;
  keys(probe, &k);
  for (uint64_t key : k) {
    auto range = index_.equal_range(key);
    for (auto it = range.first; it != range.second; ++it) seqs.push_back(it->second);
  }
  std::sort(seqs.begin(), seqs.end(), std::greater<uint64_t>());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  for (uint64_t seq : seqs) out->push_back(&items_[static_cast<size_t>(seq % capacity_)]);
}

void CommentRing::set_capacity(size_t capacity) {
  capacity = capacity ? capacity : 1;
  if (capacity == capacity_) return;
  std::vector<Fingerprint> keep;  // the newest ones, oldest first
  const size_t n = items_.size() < capacity ? items_.size() : capacity;
  for (size_t i = n; i-- > 0;)
    keep.push_back(items_[static_cast<size_t>((next_seq_ - 1 - i) % capacity_)]);
  clear();
  capacity_ = capacity;
  for (const Fingerprint& fp : keep) push(fp);
}

void CommentRing::clear() {
  items_.clear();
  index_.clear();
  next_seq_ = 0;
}

ContextStore::ContextStore(size_t max_authors, size_t max_posts, size_t max_comments)
    : max_authors_(max_authors ? max_authors : 1),
      max_posts_(max_posts),
      max_comments_(max_comments),
      comments_(max_comments ? max_comments : 1) {}

const History* ContextStore::find(const std::string& key) const {
  auto it = index_.find(std::string_view(key));
  return it == index_.end() ? nullptr : &it->second->history;
}

const History* ContextStore::find(const std::string& key, uint64_t identity) {
  auto it = index_.find(std::string_view(key));
  if (it == index_.end()) return nullptr;
  History& h = it->second->history;
  h.forget(identity);
  return &h;
}

void ContextStore::record(const std::string& key, const Fingerprint& original) {
  Fingerprint fp = original;
  if (fp.has_time && fp.time > clock_) clock_ = fp.time;
  fp.seen = fp.has_time ? fp.time : clock_;
  fp.remembered = false;
  auto it = index_.find(key);
  if (it != index_.end()) {
    lru_.splice(lru_.begin(), lru_, it->second);  // most recently used first
    it->second->history.push(fp);
    return;
  }
  if (lru_.size() >= max_authors_) {  // never more: set_limits() trims to a lower limit
    // Full: the least recently used author's entry (and its index node) becomes the new
    // author's.
    auto node = index_.extract(lru_.back().key);
    lru_.splice(lru_.begin(), lru_, std::prev(lru_.end()));
    Entry& e = lru_.front();
    e.key.assign(key);
    e.history.restart(max_posts_);
    node.key() = e.key;
    node.mapped() = lru_.begin();
    index_.insert(std::move(node));
  } else {
    lru_.push_front(Entry{key, History(max_posts_)});
    index_.emplace(lru_.front().key, lru_.begin());
  }
  lru_.front().history.push(fp);
}

void ContextStore::record_comment(const Fingerprint& original) {
  if (max_comments_ == 0) return;
  Fingerprint fp = original;
  if (fp.has_time && fp.time > clock_) clock_ = fp.time;
  fp.seen = fp.has_time ? fp.time : clock_;
  fp.remembered = false;
  comments_.push(fp);
}

void ContextStore::clear() {
  lru_.clear();
  index_.clear();
  comments_.clear();
  clock_ = 0;
}

void ContextStore::load(std::list<Entry>&& authors, const std::vector<Fingerprint>& comments,
                        int64_t clock, bool merge) {
  if (!merge) {  // the document's context, and its clock
    lru_.clear();
    index_.clear();
    comments_.clear();
    clock_ = 0;
  }
  for (auto it = authors.begin(); it != authors.end() && lru_.size() < max_authors_;) {
    auto next = std::next(it);
    if (index_.find(std::string_view(it->key)) == index_.end()) {
      it->history.set_capacity(max_posts_);
      lru_.splice(lru_.end(), authors, it);
      index_.emplace(lru_.back().key, std::prev(lru_.end()));
    }
    it = next;
  }
  if (max_comments_ > 0 && comments_.size() == 0) {
    const size_t skip = comments.size() > max_comments_ ? comments.size() - max_comments_ : 0;
    for (size_t i = skip; i < comments.size(); ++i) comments_.push(comments[i]);
  }
  if (clock > clock_) clock_ = clock;
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
